//! The 小A / 95AI AI voice-robot platform (the 小A V1.6 and 95AI documents).
//!
//! Where things are:
//! * [`endpoints`]: every endpoint, its exclusions and required parameters;
//! * [`api`]: the requests of `XiaoAClient` (filters, types, fixed values);
//! * [`sign`]: the `url` hash and the JSON body of every POST;
//! * [`download`]: signed GET URLs (recordings, fragments, template);
//! * [`client_info`]: the AES `client_info_json` of addJson;
//! * [`codes`]: the response-code table;
//! * [`reply`]: reading answers into `data` or typed errors;
//! * [`session`]: the login session and its renewal;
//! * [`import`]: lead checks, 30,000-row chunks, totals;
//! * [`talk`]: the conversation (`talk_info`) in both its forms;
//! * [`push`]: the 9.2 call push.

pub mod api;
pub mod call;
pub mod client_info;
pub mod codes;
pub mod download;
pub mod endpoints;
pub mod import;
pub mod push;
pub mod reply;
pub mod session;
pub mod sign;
pub mod talk;
