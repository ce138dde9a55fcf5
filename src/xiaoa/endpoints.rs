//! The endpoints of the 小A/95AI API (the 小A interface document V1.6; the older 95AI edition is a subset),
//! and the rules each one imposes on its parameters.

use crate::core::{Error, Result};

/// How the parameters travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// POST, `Content-Type: application/json`: values keep their JSON types.
    Json,
    /// POST `multipart/form-data` (addExcel): every value arrives as a string.
    Multipart,
    /// GET query string (downloads): every value arrives as a string.
    Query,
}

/// What a successful answer looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// `{"code":0,"msg":…,"data":…}`
    Code,
    /// `{"rst":0,"msg":…}` (timeSave)
    Rst,
    /// The bytes of a file (recordings, the Excel template).
    File,
}

/// One endpoint: `{BaseUrl}/api/<name>`.
#[derive(Debug, PartialEq)]
pub struct Endpoint {
    /// The path segment after `/api/`, e.g. `addJson`.
    pub name: &'static str,
    /// The section of the 小A document V1.6 that documents it.
    pub section: &'static str,
    pub transport: Transport,
    /// Everything except login carries `user_sn` and `api_key`.
    pub needs_session: bool,
    /// Parameters sent but left out of the `url` hash.
    pub excluded: &'static [&'static str],
    /// Parameters that must be present (besides `user_sn`/`api_key`).
    pub required: &'static [&'static str],
    /// At least one of these must be present.
    pub one_of: &'static [&'static str],
    /// Changes state on the platform: never retried after an ambiguous failure.
    pub write: bool,
    pub reply: Reply,
}

#[allow(clippy::too_many_arguments)] // a const table constructor: one argument per column
const fn ep(
    name: &'static str,
    section: &'static str,
    transport: Transport,
    excluded: &'static [&'static str],
    required: &'static [&'static str],
    one_of: &'static [&'static str],
    write: bool,
    reply: Reply,
) -> Endpoint {
    Endpoint { name, section, transport, needs_session: true, excluded, required, one_of, write, reply }
}

use Reply::{Code as C, File as F, Rst as R};
use Transport::{Json as J, Multipart as M, Query as Q};

/// Every endpoint of the 小A document V1.6, in document order.
pub static ENDPOINTS: [Endpoint; 16] = [
    Endpoint {
        name: "login",
        section: "7.1",
        transport: J,
        needs_session: false,
        excluded: &[],
        required: &["username", "password", "from"],
        one_of: &[],
        write: false,
        reply: C,
    },
    ep("index", "7.2", J, &[], &[], &[], false, C),
    ep("getAiUsers", "7.3", J, &[], &[], &[], false, C),
    ep("getProjects", "7.4", J, &[], &[], &[], false, C),
    // `upload` is the multipart file: sent, never hashed, so signing the text
    // fields does not need it.
    ep("addExcel", "7.5", M, &["upload", "source"], &["project_sn", "source", "ai_user_sn"], &[], true, C),
    ep("addJson", "7.6", J, &["client_info_json", "source", "aes"], &["project_sn", "source", "client_info_json", "ai_user_sn"], &[], true, C),
    ep("operateTask", "7.7", J, &[], &["project_type", "pkeys", "oper"], &[], true, C),
    ep("cdrlist", "7.8", J, &[], &[], &[], false, C),
    ep("cdrshow", "7.9", J, &[], &["recordpath", "recordfile", "connected_at"], &["cdr_sn", "accounts_sn"], false, C),
    ep("crmList", "7.10", J, &[], &[], &[], false, C),
    ep("cdrDownload", "7.11", Q, &[], &["recordpath", "recordfile"], &[], false, F),
    ep("cdrFragmentDownload", "7.12", Q, &[], &["recordfile"], &[], false, F),
    ep("exportModel", "7.13", Q, &[], &["project_sn"], &[], false, F),
    ep("callTimeList", "8.1", J, &[], &[], &[], false, C),
    ep("timeSave", "8.2", J, &[], &["data"], &[], true, R),
    ep("setCallback", "9.1", J, &[], &["open_callback", "callback_url"], &[], true, C),
];

/// The endpoint called `name` (exact spelling, as in the URL).
pub fn find(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

/// Like [`find`], with an error that lists the valid names. The document's
/// own spellings are accepted: `/api/exportModel`, `/api/ exportModel`.
pub fn lookup(name: &str) -> Result<&'static Endpoint> {
    let bare = name.trim();
    let bare = bare.strip_prefix("/api/").or_else(|| bare.strip_prefix("api/")).map(str::trim).unwrap_or(bare);
    find(bare).ok_or_else(|| {
        let names: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        let hint = ENDPOINTS
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name.trim_start_matches("/api/")))
            .map(|e| format!(" (did you mean \"{}\"?)", e.name))
            .unwrap_or_default();
        Error::invalid(format!(
            "unknown 小A endpoint {}{hint}; expected the path name after /api/, one of: {}",
            crate::core::error::quote(name, 40),
            names.join(", ")
        ))
        .with_path("endpoint")
    })
}

impl Endpoint {
    /// Index of this endpoint in [`ENDPOINTS`] (a stable small id for the wasm layer).
    pub fn id(&self) -> u32 {
        ENDPOINTS.iter().position(|e| std::ptr::eq(e, self)).unwrap_or(0) as u32
    }

    pub fn by_id(id: u32) -> Option<&'static Endpoint> {
        ENDPOINTS.get(id as usize)
    }

    pub fn is_excluded(&self, key: &str) -> bool {
        self.excluded.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_names_are_unique() {
        for (i, e) in ENDPOINTS.iter().enumerate() {
            assert_eq!(e.id(), i as u32);
            assert!(std::ptr::eq(Endpoint::by_id(e.id()).unwrap(), e));
            assert_eq!(ENDPOINTS.iter().filter(|o| o.name == e.name).count(), 1);
        }
    }

    #[test]
    fn exclusions_are_those_of_the_document() {
        assert_eq!(find("addJson").unwrap().excluded, &["client_info_json", "source", "aes"]);
        assert_eq!(find("addExcel").unwrap().excluded, &["upload", "source"]);
        assert!(ENDPOINTS.iter().filter(|e| !["addJson", "addExcel"].contains(&e.name)).all(|e| e.excluded.is_empty()));
    }

    #[test]
    fn unknown_names_get_a_hint() {
        let e = lookup("cdrList").unwrap_err();
        assert!(e.message.contains("did you mean \"cdrlist\""), "{}", e.message);
        // The document's own spellings: "{BaseUrl} /api/addJson", "/api/ exportModel".
        assert_eq!(lookup("/api/addJson").unwrap().name, "addJson");
        assert_eq!(lookup("/api/ exportModel").unwrap().name, "exportModel");
        assert!(lookup("/api/addjson").unwrap_err().message.contains("did you mean \"addJson\""));
    }
}
