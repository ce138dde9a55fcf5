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
    let ep = endpoints::lookup(endpoint)?;
    if ep.reply != Reply::File {
        let names: Vec<&str> = endpoints::ENDPOINTS.iter().filter(|e| e.reply == Reply::File).map(|e| e.name).collect();
        return Err(Error::invalid(format!(
            "{} is not a GET download endpoint; downloadUrl builds {}",
            ep.name,
            names.join(", ")
        ))
        .with_path("endpoint"));
    }
    let base = check_base_url(base_url)?;
    let members = Transcoder::new(params_json, opts).params(|_| Route::Hash)?;
    check_session_members(&members)?;
    let signed = sign::sign_members(ep, members, opts)?;
    let mut url = String::with_capacity(base.len() + 64 + signed.members.iter().map(|m| m.key.len() + m.value.len() * 2).sum::<usize>());
    url.push_str(base);
    url.push_str("/api/");
    url.push_str(ep.name);
    url.push_str("?url=");
    url.push_str(&signed.url);
    for m in &signed.members {
        url.push('&');
        encode_component_into(&mut url, &m.key);
        url.push('=');
        encode_component_into(&mut url, m.string.as_deref().unwrap_or_default());
    }
    Ok(url)
}

/// The base URL without trailing slashes; must not be empty or carry a query.
pub fn check_base_url(base_url: &str) -> Result<&str> {
    let base = base_url.trim().trim_end_matches('/');
    if base.is_empty() {
        return Err(Error::invalid("baseUrl is empty; pass the platform's address, e.g. http://120.77.61.117:8088").with_path("baseUrl"));
    }
    if base.contains(['?', '#']) || base.ends_with("/api") {
        return Err(Error::invalid(format!(
            "baseUrl {:?} must be the server root (e.g. http://host:port), without /api, query or fragment",
            crate::core::error::preview(base_url, 60)
        ))
        .with_path("baseUrl"));
    }
    Ok(base)
}

fn check_session_members(members: &[Member]) -> Result<()> {
    for (i, k) in ["user_sn", "api_key"].iter().enumerate() {
        let ok = members.get(i).is_some_and(|m| m.key == *k && m.string.as_deref().is_some_and(|s| !s.is_empty()));
        if !ok {
            return Err(Error::new(
                crate::core::Code::NoSession,
                format!("session.{k} must be a non-empty string from login (7.1)"),
            )
            .with_path(format!("session.{k}")));
        }
    }
    if let Some(m) = members[2..].iter().find(|m| m.key == "user_sn" || m.key == "api_key") {
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
}
