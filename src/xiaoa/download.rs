//! Signed GET URLs for the download endpoints (7.11–7.13): recordings,
//! answer fragments, the Excel template.

use super::endpoints::{self, Reply};
use super::sign;
use crate::core::phpjson::{Member, Options, Route, Transcoder};
use crate::core::uri::encode_component_into;
use crate::core::{Error, Result};

/// Builds `{base}/api/{endpoint}?url=…&user_sn=…&api_key=…&<params>`.
///
/// `params_json` is a JSON object whose first two members are the session's
/// `user_sn` and `api_key`, followed by the endpoint's params in order. Values
/// must be strings or numbers (they reach PHP as strings, and are hashed as
/// such); `null` values are left out. Every value is percent-encoded exactly
/// like `encodeURIComponent`, and `url` comes first, as the document's
/// examples show.
pub fn download_url(base_url: &str, endpoint: &str, params_json: &str, opts: Options) -> Result<String> {
    let members = Transcoder::new(params_json, opts).params(|_| Route::Hash)?;
    check_session_members(&members)?;
    let d = Downloader::with_session(base_url, endpoint, members[..2].to_vec(), opts)?;
    let mut url = String::new();
    d.write_url(members[2..].to_vec(), &mut url)?;
    Ok(url)
}

/// Many signed GET URLs for one endpoint and session, one per line.
///
/// `batch_json` is a JSON array: the session `{"user_sn":…,"api_key":…}`
/// first, then one params object per URL. An error names the params object
/// (`row`, and the path `params[i].key`).
pub fn download_urls(base_url: &str, endpoint: &str, batch_json: &str, opts: Options) -> Result<String> {
    let mut t = Transcoder::new(batch_json, Options::RAW);
    let ranges = t.item_ranges().map_err(|e| Error::invalid(format!("internal: the download batch is not a JSON array ({})", e.message)))?;
    let Some(session) = ranges.first() else {
        return Err(Error::invalid("internal: the download batch has no session"));
    };
    let session = Transcoder::new(&batch_json[session.clone()], opts).params(|_| Route::Hash).map_err(|e| e.with_path("session"))?;
    check_session_members(&session)?;
    let d = Downloader::with_session(base_url, endpoint, session, opts)?;
    let mut out = String::with_capacity((ranges.len() - 1) * (d.prefix.len() + 96));
    let mut buf = Buffers::default();
    for (i, r) in ranges[1..].iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        d.write_params_url(&batch_json[r.clone()], &mut out, &mut buf).map_err(|e| {
            let path = format!("params[{i}]{}", e.path.as_deref().map(|p| format!(".{p}")).unwrap_or_default());
            e.with_row(i).with_path(path)
        })?;
    }
    Ok(out)
}

/// Signs download URLs for one endpoint and session: the endpoint, base URL
/// and session are checked once.
pub struct Downloader {
    ep: &'static endpoints::Endpoint,
    session: Vec<Member>,
    /// `{base}/api/{endpoint}?url=`
    prefix: String,
    /// `{"user_sn":…,"api_key":…` as hashed (PHP's encoding), for the fast path.
    hash_head: Vec<u8>,
    /// `&user_sn=…&api_key=…`
    query_session: String,
    opts: Options,
}

/// Reusable buffers for [`Downloader::write_url_fast`].
#[derive(Default)]
pub struct Buffers {
    hash: Vec<u8>,
    value: String,
}

impl Downloader {
    /// `session` holds the `user_sn` and `api_key` members, in that order.
    pub fn with_session(base_url: &str, endpoint: &str, session: Vec<Member>, opts: Options) -> Result<Downloader> {
        let ep = endpoints::lookup(endpoint)?;
        if ep.reply != Reply::File {
            let names: Vec<&str> = endpoints::ENDPOINTS.iter().filter(|e| e.reply == Reply::File).map(|e| e.name).collect();
            return Err(Error::invalid(format!("{} is not a GET download endpoint; downloadUrl builds {}", ep.name, names.join(", "))).with_path("endpoint"));
        }
        let base = check_base_url(base_url)?;
        check_session_members(&session)?;
        let prefix = format!("{base}/api/{}?url=", ep.name);
        let mut hash_head = Vec::new();
        crate::core::phpjson::write_members(&mut hash_head, &session, opts);
        hash_head.pop(); // the closing brace: the params follow
        let mut query_session = String::new();
        for m in &session {
            query_session.push('&');
            encode_component_into(&mut query_session, &m.key);
            query_session.push('=');
            encode_component_into(&mut query_session, m.string.as_deref().unwrap_or_default());
        }
        Ok(Downloader { ep, session, prefix, hash_head, query_session, opts })
    }

    /// [`Self::write_url`] of the params object `params_json`, streamed
    /// without building members. Returns `Ok(false)`, with `out` as it was,
    /// when the slow path must decide (and word the error): see
    /// [`Transcoder::text_params_into`]; also a `user_sn`/`api_key` among the
    /// params, a required parameter missing, an endpoint with excluded or
    /// alternative parameters.
    pub fn write_url_fast(&self, params_json: &str, out: &mut String, buf: &mut Buffers) -> Result<bool> {
        let ep = self.ep;
        if !ep.excluded.is_empty() || !ep.one_of.is_empty() || ep.required.len() > 8 {
            return Ok(false);
        }
        let start = out.len();
        out.push_str(&self.prefix);
        let url_at = out.len();
        out.push_str("00000000");
        out.push_str(&self.query_session);
        buf.hash.clear();
        buf.hash.extend_from_slice(&self.hash_head);
        let (mut session_key, mut required) = (false, 0u32);
        let ok = Transcoder::new(params_json, self.opts).text_params_into(&mut buf.hash, &mut buf.value, |k, v| {
            session_key |= k == "user_sn" || k == "api_key";
            if let Some(i) = ep.required.iter().position(|r| *r == k) {
                required |= 1 << i;
            }
            out.push('&');
            encode_component_into(out, k);
            out.push('=');
            encode_component_into(out, v);
        });
        // An error is the slow path's to word (the same input fails there too).
        if !matches!(ok, Ok(true)) || session_key || required != (1u32 << ep.required.len()) - 1 {
            out.truncate(start);
            return Ok(false);
        }
        buf.hash.push(b'}');
        let bits = crate::core::hash::url_bits(&buf.hash);
        let hex: [u8; 8] = std::array::from_fn(|i| b"0123456789abcdef"[((bits >> (28 - 4 * i)) & 15) as usize]);
        out.replace_range(url_at..url_at + 8, std::str::from_utf8(&hex).unwrap_or("00000000"));
        Ok(true)
    }

    /// The escape options it signs with.
    pub fn options(&self) -> Options {
        self.opts
    }

    /// The downloader for a session given as JSON (`{"user_sn":…,"api_key":…}`).
    pub fn for_session(base_url: &str, endpoint: &str, session_json: &str, opts: Options) -> Result<Downloader> {
        let session = Transcoder::new(session_json, opts).params(|_| Route::Hash).map_err(|e| e.with_path("session"))?;
        check_session_members(&session)?;
        Downloader::with_session(base_url, endpoint, session, opts)
    }

    /// Appends the signed URL of the params object `params_json` to `out`
    /// (streamed when it can be, else through members: the same URL).
    pub fn write_params_url(&self, params_json: &str, out: &mut String, buf: &mut Buffers) -> Result<()> {
        if self.write_url_fast(params_json, out, buf)? {
            return Ok(());
        }
        let members = Transcoder::new(params_json, self.opts).params(|_| Route::Hash)?;
        self.write_url(members, out)
    }

    /// Appends the signed URL of `params` (members after the session's) to `out`.
    pub fn write_url(&self, params: Vec<Member>, out: &mut String) -> Result<()> {
        if let Some(m) = params.iter().find(|m| m.key == "user_sn" || m.key == "api_key") {
            return Err(Error::invalid(format!("params must not contain `{}`; it comes from the session", m.key)).with_path(m.key.clone()));
        }
        let mut members = Vec::with_capacity(self.session.len() + params.len());
        members.extend(self.session.iter().cloned());
        members.extend(params);
        let signed = sign::sign_members(self.ep, members, self.opts)?;
        out.push_str(&self.prefix);
        out.push_str(&signed.url);
        for m in &signed.members {
            out.push('&');
            encode_component_into(out, &m.key);
            out.push('=');
            encode_component_into(out, m.string.as_deref().unwrap_or_default());
        }
        Ok(())
    }
}

/// The base URL of 小A: checked by [`crate::core::uri::check_base_url`], and
/// the server root (without `/api`, which waihu appends).
pub fn check_base_url(base_url: &str) -> Result<&str> {
    let base = crate::core::uri::check_base_url(base_url)?;
    if base.ends_with("/api") {
        return Err(Error::invalid(format!(
            "baseUrl {} must be the server root (e.g. http://host:port), without /api",
            crate::core::error::quote(base_url, 60)
        ))
        .with_path("baseUrl"));
    }
    Ok(base)
}

fn check_session_members(members: &[Member]) -> Result<()> {
    for (i, k) in ["user_sn", "api_key"].iter().enumerate() {
        let ok = members.get(i).is_some_and(|m| m.key == *k && m.string.as_deref().is_some_and(|s| !s.is_empty()));
        if !ok {
            return Err(
                Error::new(crate::core::Code::NoSession, format!("session.{k} must be a non-empty string from login (7.1)")).with_path(format!("session.{k}"))
            );
        }
    }
    if let Some(m) = members.get(2..).unwrap_or_default().iter().find(|m| m.key == "user_sn" || m.key == "api_key") {
        return Err(Error::invalid(format!("params must not contain `{}`; it comes from the session", m.key)).with_path(m.key.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SN: &str = "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c";

    #[test]
    fn document_examples_reproduce() {
        let o = Options::PHP_DEFAULT;
        let u = download_url(
            "http://120.77.61.117:8088/",
            "cdrDownload",
            &format!(r#"{{"user_sn":"{SN}","api_key":"Kpd2vKYC","recordpath":"/home/record","recordfile":"/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3"}}"#),
            o,
        )
        .unwrap();
        assert_eq!(u, "http://120.77.61.117:8088/api/cdrDownload?url=3e415b12&user_sn=SYSUSER%7C5d03d133d7fb004e2ccf34eb8fbdc45c&api_key=Kpd2vKYC&recordpath=%2Fhome%2Frecord&recordfile=%2F20180419%2F20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3");
        let u = download_url(
            "http://120.77.61.117:8088",
            "exportModel",
            &format!(r#"{{"user_sn":"{SN}","api_key":"6TRJCuQg","project_sn":"project|8ac1cebd6407f30fb4f618615de41990"}}"#),
            o,
        )
        .unwrap();
        assert!(u.starts_with("http://120.77.61.117:8088/api/exportModel?url=fde3faaf&user_sn="), "{u}");
    }

    #[test]
    fn batches_match_single_urls_and_name_the_failing_params() {
        let o = Options::PHP_DEFAULT;
        let session = r#"{"user_sn":"SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c","api_key":"Kpd2vKYC"}"#;
        let items = [r#"{"recordpath":"/home/record","recordfile":"/a b/c.mp3"}"#, r#"{"recordpath":"/r/x","recordfile":"姓名.mp3","extra":null}"#];
        let batch = format!("[{session},{}]", items.join(","));
        let urls = download_urls("http://h:1/", "cdrDownload", &batch, o).unwrap();
        let single: Vec<String> =
            items.iter().map(|i| download_url("http://h:1/", "cdrDownload", &format!("{},{}", &session[..session.len() - 1], &i[1..]), o).unwrap()).collect();
        assert_eq!(urls, single.join("\n"));
        let bad = format!(r#"[{session},{},{{"recordpath":"/r"}}]"#, items[0]);
        let e = download_urls("http://h:1", "cdrDownload", &bad, o).unwrap_err();
        assert_eq!((e.row, e.path.as_deref()), (Some(1), Some("params[1].recordfile")), "{e}");
        let e = download_urls("http://h:1", "cdrDownload", &format!(r#"[{session},{{"recordpath":"/r","recordfile":"f","api_key":"x"}}]"#), o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("params[0].api_key"));
        assert_eq!(download_urls("http://h:1", "cdrDownload", &format!("[{session}]"), o).unwrap(), "");
        let e = download_urls("http://h:1", "cdrDownload", r#"[{"user_sn":"","api_key":"k"}]"#, o).unwrap_err();
        assert_eq!(e.code, crate::core::Code::NoSession);
    }

    #[test]
    fn numbers_are_sent_and_hashed_as_strings() {
        let o = Options::PHP_DEFAULT;
        let a = download_url("http://h", "exportModel", r#"{"user_sn":"s","api_key":"k","project_sn":12}"#, o).unwrap();
        let b = download_url("http://h", "exportModel", r#"{"user_sn":"s","api_key":"k","project_sn":"12"}"#, o).unwrap();
        assert_eq!(a, b);
        assert!(a.ends_with("&project_sn=12"));
    }

    #[test]
    fn bad_inputs_are_explained() {
        let o = Options::PHP_DEFAULT;
        let e = download_url("http://h", "addJson", r#"{"user_sn":"s","api_key":"k"}"#, o).unwrap_err();
        assert!(e.message.contains("not a GET download endpoint"));
        let e = download_url("", "exportModel", r#"{"user_sn":"s","api_key":"k","project_sn":"p"}"#, o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("baseUrl"));
        let e = download_url("http://h", "exportModel", r#"{"user_sn":"","api_key":"k","project_sn":"p"}"#, o).unwrap_err();
        assert_eq!(e.code, crate::core::Code::NoSession);
        let e = download_url("http://h", "exportModel", r#"{"user_sn":"s","api_key":"k","project_sn":{"a":1}}"#, o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("project_sn"));
        let e = download_url("http://h", "cdrDownload", r#"{"user_sn":"s","api_key":"k","recordfile":"f"}"#, o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("recordpath"));
        let e = download_url("http://h", "exportModel", r#"{"user_sn":"s","api_key":"k","project_sn":"p","api_key":"z"}"#, o).unwrap_err();
        assert_eq!(e.code, crate::core::Code::DuplicateKey);
    }

    /// The streamed path gives exactly the URL the members path gives, for
    /// every escape option, and leaves to it whatever it cannot take.
    #[test]
    fn the_fast_path_is_the_members_path() {
        let mut seed = 0x9E37_79B9_u32;
        let mut next = move |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        let atoms = ["/home/record", "a b", "张三/李四", "\\u00e9t\\u00e9", "\\ud83d\\ude00", "x\\\"y", "\\u2028", "&=?#%+", "", "~!*()'", "1.50", "-0", "123"];
        let keys = ["recordpath", "recordfile", "extra", "a b", "张", "url", "user_sn", "k\\u0041", "recordfile"];
        let (mut fast, mut slow) = (0, 0);
        for case in 0..3000 {
            let opts = Options::from_bits(next(8));
            let ep = ["cdrDownload", "cdrFragmentDownload", "exportModel"][next(3) as usize];
            let required = endpoints::lookup(ep).unwrap().required;
            let mut names: Vec<&str> = if next(4) > 0 { required.to_vec() } else { Vec::new() };
            for _ in 0..next(3) {
                names.insert(next(names.len() as u32 + 1) as usize, if next(3) == 0 { keys[next(keys.len() as u32) as usize] } else { "extra" });
            }
            let mut params = String::from("{");
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    params.push(',');
                }
                params.push_str(&format!("\"{name}\":"));
                match next(12) {
                    0 | 1 => params.push_str(["5", "-12", "1.5e3", "0"][next(4) as usize]),
                    2 => params.push_str("null"),
                    3 => params.push_str("true"),
                    _ => params.push_str(&format!("\"{}\"", atoms[next(atoms.len() as u32) as usize])),
                }
            }
            params.push('}');
            let session = format!(r#"{{"user_sn":"{SN}","api_key":"k/ey{case}"}}"#);
            let d = Downloader::for_session("http://h:1", ep, &session, opts).unwrap();
            let mut buf = Buffers::default();
            let mut got = String::from("keep:");
            let streamed = d.write_url_fast(&params, &mut got, &mut buf).unwrap();
            let members = Transcoder::new(&params, opts).params(|_| Route::Hash);
            let mut want = String::from("keep:");
            let expected = members.and_then(|m| d.write_url(m, &mut want));
            if streamed {
                fast += 1;
                assert!(expected.is_ok(), "{params}: streamed but the members path fails: {expected:?}");
                assert_eq!(got, want, "{params} ({ep}, {opts:?})");
            } else {
                slow += 1;
                assert_eq!(got, "keep:", "left as it was");
            }
        }
        assert!(fast > 500 && slow > 500, "both paths exercised: {fast} streamed, {slow} not");
    }
}
