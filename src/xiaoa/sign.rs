//! The `url` anti-hijack parameter: md5 of the PHP JSON of every other
//! parameter, in the order sent, characters [1, 9).

use super::endpoints::{Endpoint, Transport};
use crate::core::phpjson::{self, Member, Options, Route, Transcoder};
use crate::core::{hash, Error, Result};

/// A request ready to send: its `url` and its members in order (hashed and
/// excluded ones interleaved as given).
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub url: String,
    pub members: Vec<Member>,
}

/// The PHP JSON the server hashes: the hashed members, in order.
#[inline(never)]
pub fn hash_input(members: &[Member], opts: Options) -> Vec<u8> {
    let mut out = Vec::with_capacity(members.iter().map(|m| m.key.len() + m.value.len() + 4).sum::<usize>() + 2);
    phpjson::write_members(&mut out, members.iter().filter(|m| m.route == Route::Hash), opts);
    out
}

/// The `url` for a params object given as JSON text, with no endpoint rules:
/// every non-null member is hashed. Returns the 8 hex characters as a number.
pub fn url_bits(params_json: &str, opts: Options) -> Result<u32> {
    // Fast path: stream the PHP encoding straight into one reused buffer.
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let fast = BUF.with(|b| {
        let mut out = b.borrow_mut();
        out.clear();
        let done = Transcoder::new(params_json, opts).hash_params_into(&mut out)?;
        let bits = done.then(|| hash::url_bits(&out));
        if out.capacity() > 1 << 16 {
            *out = Vec::new(); // do not hold on to a huge request's buffer
        }
        Ok::<_, Error>(bits)
    })?;
    if let Some(bits) = fast {
        return Ok(bits);
    }
    // Escaped or duplicate keys, lists: the member path decides (and names the error).
    url_bits_by_members(params_json, opts)
}

/// [`url_bits`] through decoded members: the slow path, and the reference
/// the fast path is tested against (`tests/php_crosscheck.rs`).
pub fn url_bits_by_members(params_json: &str, opts: Options) -> Result<u32> {
    let mut members = Transcoder::new(params_json, opts).params(|_| Route::Hash)?;
    // `url` is what is computed: a `url` given (the document's request forms
    // show `"url":"xxxx"`) is not part of the hash.
    members.retain(|m| m.key != "url");
    phpjson::check_not_list(&members)?;
    Ok(hash::url_bits(&hash_input(&members, opts)))
}

/// [`url_bits`] as the 8-character string.
pub fn url_hash(params_json: &str, opts: Options) -> Result<String> {
    url_bits(params_json, opts).map(|b| format!("{b:08x}"))
}

/// Signs params (JSON text) for `ep`: applies its exclusions and checks its
/// required parameters.
#[inline(never)]
pub fn sign(ep: &Endpoint, params_json: &str, opts: Options) -> Result<Signed> {
    // `check` routes each member by the endpoint's exclusions.
    let members = Transcoder::new(params_json, opts).params(|_| Route::Hash).map_err(|e| e.with_endpoint(ep.name))?;
    sign_members(ep, members, opts)
}

/// Signs members built in Rust (the clients use this).
#[inline(never)]
pub fn sign_members(ep: &Endpoint, mut members: Vec<Member>, opts: Options) -> Result<Signed> {
    // A `url` given (the document's request forms show `"url":"xxxx"`) is
    // replaced by the one computed from the others.
    members.retain(|m| m.key != "url");
    check(ep, &mut members, opts).map_err(|e| e.with_endpoint(ep.name))?;
    let url = hash::url_of(&hash_input(&members, opts));
    Ok(Signed { url, members })
}

fn check(ep: &Endpoint, members: &mut [Member], opts: Options) -> Result<()> {
    phpjson::check_not_list(members)?;
    for m in members.iter_mut() {
        m.route = if ep.is_excluded(&m.key) { Route::Aside } else { Route::Hash };
        if ep.transport != Transport::Json && m.route == Route::Hash {
            stringify_scalar(ep, m, opts)?;
        }
    }
    let has = |k: &str| members.iter().any(|m| m.key == k);
    if ep.needs_session {
        for k in ["user_sn", "api_key"] {
            if !has(k) {
                return Err(Error::invalid(format!("{} needs `{k}` from the login session (7.1); pass user_sn and api_key first", ep.name)).with_path(k));
            }
        }
    }
    for k in ep.required {
        if !has(k) {
            return Err(Error::invalid(format!("{} requires `{k}` (section {} of the 小A document)", ep.name, ep.section)).with_path(*k));
        }
    }
    if !ep.one_of.is_empty() && !ep.one_of.iter().any(|k| has(k)) {
        return Err(Error::invalid(format!("{} requires one of {}", ep.name, ep.one_of.join(" or "))));
    }
    Ok(())
}

/// Query and multipart values reach PHP as strings: a number `5` is hashed as
/// `"5"`. Anything that is not a string or a number cannot travel that way.
fn stringify_scalar(ep: &Endpoint, m: &mut Member, opts: Options) -> Result<()> {
    if m.string.is_some() {
        return Ok(());
    }
    if let Some(text) = m.number.clone() {
        m.value.clear();
        phpjson::write_str(&mut m.value, &text, opts);
        m.string = Some(text);
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{}: `{}` must be a string or a number ({} values travel as text), got {}",
        ep.name,
        m.key,
        if ep.transport == Transport::Query { "query-string" } else { "multipart" },
        String::from_utf8_lossy(&m.value).chars().take(40).collect::<String>()
    ))
    .with_path(m.key.clone()))
}

/// The JSON body to POST: `url` first, then every member in order. It is a
/// fixed point of PHP's decode+encode, so the server hashes what we hashed.
pub fn body(signed: &Signed, opts: Options) -> Vec<u8> {
    let mut out = Vec::with_capacity(signed.members.iter().map(|m| m.key.len() + m.value.len() + 4).sum::<usize>() + 20);
    out.extend_from_slice(b"{\"url\":\"");
    out.extend_from_slice(signed.url.as_bytes());
    out.push(b'"');
    for m in &signed.members {
        out.push(b',');
        phpjson::write_str(&mut out, &m.key, opts);
        out.push(b':');
        out.extend_from_slice(&m.value);
    }
    out.push(b'}');
    out
}

#[cfg(test)]
mod tests {
    use super::super::endpoints::find;
    use super::*;

    const SN: &str = "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c";

    #[test]
    fn spec_notes_vectors() {
        let o = Options::PHP_DEFAULT;
        assert_eq!(url_hash(r#"{"username":"xxx","password":"xxx","from":2}"#, o).unwrap(), "1dbe80df");
        let cdr = format!(
            r#"{{"user_sn":"{SN}","api_key":"Kpd2vKYC","recordpath":"/home/record","recordfile":"/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3"}}"#
        );
        assert_eq!(url_hash(&cdr, o).unwrap(), "3e415b12");
        let frag = format!(
            r#"{{"user_sn":"{SN}","api_key":"Kpd2vKYC","recordfile":"/home/record/20180419/fenduan_20180419154651_asr_ques_keya_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3"}}"#
        );
        assert_eq!(url_hash(&frag, o).unwrap(), "229daa6c");
        let model = format!(r#"{{"user_sn":"{SN}","api_key":"6TRJCuQg","project_sn":"project|8ac1cebd6407f30fb4f618615de41990"}}"#);
        assert_eq!(url_hash(&model, o).unwrap(), "fde3faaf");
    }

    #[test]
    fn from_as_a_string_hashes_differently() {
        let o = Options::PHP_DEFAULT;
        assert_ne!(url_hash(r#"{"username":"xxx","password":"xxx","from":"2"}"#, o).unwrap(), "1dbe80df");
    }

    #[test]
    fn nulls_are_neither_hashed_nor_sent() {
        let o = Options::PHP_DEFAULT;
        assert_eq!(url_hash(r#"{"username":"xxx","x":null,"password":"xxx","from":2}"#, o).unwrap(), "1dbe80df");
        let s = sign(find("login").unwrap(), r#"{"username":"xxx","x":null,"password":"xxx","from":2}"#, o).unwrap();
        assert_eq!(s.url, "1dbe80df");
        assert_eq!(String::from_utf8(body(&s, o)).unwrap(), r#"{"url":"1dbe80df","username":"xxx","password":"xxx","from":2}"#);
    }

    #[test]
    fn add_json_excludes_client_info_source_and_aes() {
        let o = Options::PHP_DEFAULT;
        let full = format!(
            r#"{{"user_sn":"{SN}","api_key":"k","project_sn":"p","source":"任务","ai_user_sn":"a","is_zidong":"on","client_info_json":"CIPHER/+=","aes":true}}"#
        );
        let s = sign(find("addJson").unwrap(), &full, o).unwrap();
        let hashed_only = format!(r#"{{"user_sn":"{SN}","api_key":"k","project_sn":"p","ai_user_sn":"a","is_zidong":"on"}}"#);
        assert_eq!(s.url, url_hash(&hashed_only, o).unwrap());
        let b = String::from_utf8(body(&s, o)).unwrap();
        assert!(b.contains(r#""client_info_json":"CIPHER\/+=""#) && b.contains(r#""aes":true"#), "{b}");
    }

    #[test]
    fn add_excel_hashes_values_as_strings() {
        let o = Options::PHP_DEFAULT;
        let ep = find("addExcel").unwrap();
        let a = sign(ep, &format!(r#"{{"user_sn":"{SN}","api_key":"k","project_sn":"p","source":"s","upload":0,"ai_user_sn":"a","mark":5}}"#), o).unwrap();
        let b = sign(ep, &format!(r#"{{"user_sn":"{SN}","api_key":"k","project_sn":"p","source":"s","upload":0,"ai_user_sn":"a","mark":"5"}}"#), o).unwrap();
        assert_eq!(a.url, b.url);
        let e =
            sign(ep, &format!(r#"{{"user_sn":"{SN}","api_key":"k","project_sn":"p","source":"s","upload":0,"ai_user_sn":"a","mark":[1]}}"#), o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("mark"));
    }

    #[test]
    fn required_and_session_params_are_checked() {
        let o = Options::PHP_DEFAULT;
        let e = sign(find("operateTask").unwrap(), r#"{"user_sn":"s","api_key":"k","pkeys":1,"oper":"stop"}"#, o).unwrap_err();
        assert_eq!((e.path.as_deref(), e.endpoint.as_deref()), (Some("project_type"), Some("operateTask")));
        let e = sign(find("index").unwrap(), r#"{"api_key":"k"}"#, o).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("user_sn"));
        let e = sign(find("cdrshow").unwrap(), r#"{"user_sn":"s","api_key":"k","recordpath":"a","recordfile":"b","connected_at":"c"}"#, o).unwrap_err();
        assert!(e.message.contains("cdr_sn or accounts_sn"));
        // A `url` given (the document's request forms show "url":"xxxx") is replaced, not hashed.
        let with = sign(find("index").unwrap(), r#"{"user_sn":"s","api_key":"k","url":"x"}"#, o).unwrap();
        let without = sign(find("index").unwrap(), r#"{"user_sn":"s","api_key":"k"}"#, o).unwrap();
        assert_eq!((with.url, with.members.len()), (without.url, 2));
        assert_eq!(url_hash(r#"{"username":"xxx","password":"xxx","from":2,"url":"xxxx"}"#, o).unwrap(), "1dbe80df");
    }

    #[test]
    fn escapes_can_be_switched_off() {
        let raw = Options::RAW;
        let a = url_hash(r#"{"p":"/a/测"}"#, raw).unwrap();
        assert_eq!(a, crate::core::hash::url_of("{\"p\":\"/a/测\"}".as_bytes()));
    }
}
