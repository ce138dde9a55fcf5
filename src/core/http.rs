//! A platform-neutral HTTP request, as the protocol modules build it and the
//! wasm layer sends it.

/// A signed request, ready to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The endpoint or API name, for errors (`addJson`, `CallNumber`…).
    pub name: &'static str,
    /// `GET` or `POST`.
    pub method: &'static str,
    pub url: String,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    None,
    /// `application/json;charset=utf-8`
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded;charset=utf-8` (already encoded).
    Form(String),
    /// `multipart/form-data`: text fields in order; the file goes in `file_field`.
    Multipart {
        fields: Vec<(String, String)>,
        file_field: &'static str,
    },
}
