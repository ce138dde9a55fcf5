//! The 小A/95AI response codes (section 5 of the 小A V1.6 and 95AI documents, plus the
//! login section's 40001), with a symbolic name and an English explanation
//! that says what to do.

/// One row of the code table.
#[derive(Debug)]
pub struct ApiCode {
    pub code: i64,
    /// Stable symbolic name, surfaced as `err.apiName`.
    pub name: &'static str,
    /// The document's message.
    pub msg_zh: &'static str,
    /// What it means and what to do.
    pub explain: &'static str,
}

const fn c(code: i64, name: &'static str, msg_zh: &'static str, explain: &'static str) -> ApiCode {
    ApiCode { code, name, msg_zh, explain }
}

pub static CODES: [ApiCode; 32] = [
    c(0, "OK", "请求处理成功", "success"),
    c(10001, "URL_CHECK_FAILED", "url 验证失败", "the `url` signature did not match: the server hashed the parameters differently (order, types such as \"2\" vs 2, or escaping) — sign exactly what you send"),
    c(20001, "WRONG_TRANSPORT", "数据传输方式错误", "wrong HTTP method or content type for this endpoint"),
    c(20002, "BAD_DATA_FORMAT", "数据格式错误", "malformed request or a missing common parameter (url, user_sn, api_key)"),
    c(20003, "UNKNOWN_CLIENT", "客户端类型不存在", "unknown client type: login must send `from` = 2"),
    c(20004, "BAD_CREDENTIALS", "用户名或者密码错误", "wrong username or password"),
    c(20005, "API_KEY_INVALID", "api_key 验证失败", "api_key rejected: another login to the same account replaced it; log in again and share one key"),
    c(20006, "API_KEY_EXPIRED", "api_key 已过期", "api_key expired (it lives 2 hours); log in again"),
    c(20007, "NO_API_PERMISSION", "没有接口访问权限", "this account may not use the API: ask the platform administrator to enable API access"),
    c(30001, "FILE_EMPTY", "导入文件为空", "the uploaded file is empty"),
    c(30002, "FILE_FORMAT", "导入文件格式错误,只支持 xlsx、xls", "wrong file format: upload an .xlsx or .xls file"),
    c(30003, "TEMPLATE_EMPTY", "导入失败，模板为空", "import failed: the project template is empty"),
    c(30004, "TOO_MANY_PENDING", "待呼叫数据过多,最多不能超过 30 万条", "the task would hold more than 300,000 pending numbers: start a new task or wait until calls go out"),
    c(30005, "TOO_MANY_ROWS", "数据过多,最多只能导入 3 万条", "more than 30,000 rows in one import: split it"),
    c(30006, "EMPTY_OR_BAD_JSON", "数据为空或者 json 格式错误", "client_info_json is empty or malformed, or a row does not start with 姓名, 电话 (or the ciphertext does not decrypt with this user_sn)"),
    c(30008, "FIELD_TYPE", "字段类型错误", "a field has the wrong type"),
    c(30009, "NO_AI_SELECTED", "请选择一个 AI 外呼", "choose an AI user (ai_user_sn)"),
    c(30010, "NO_AI_ACCOUNT", "没有可用的 AI 账户", "no AI account is available"),
    c(30011, "TASK_NOT_FOUND", "营销任务不存在", "the task (dial_task_main_sn / pkeys) does not exist"),
    c(30012, "NO_AI_QUOTA", "此账号没有分配 AI 数，无法建立外呼", "this account has no AI seats assigned, so it cannot create outbound tasks"),
    c(50001, "NOTHING_SELECTED", "至少选择一条数据", "select at least one record"),
    c(500, "SERVER_ERROR", "服务端错误，请联系客服", "server error on the platform: contact its support"),
    c(40001, "API_KEY_EXPIRED_OR_BAD_EXTENSION", "api_key 过期 / 分机号只能包含数字和字母", "api_key expired (login section 7.1); in extension management it means an extension may only contain letters and digits"),
    c(40002, "EXTENSION_EXISTS", "分机号已经存在", "the extension number already exists"),
    c(40003, "EXTENSION_LIMIT", "分机数已达到上限", "the extension limit is reached"),
    c(40004, "FS_REQUEST_FAILED", "请求 fs 错误", "the platform's FreeSWITCH request failed"),
    c(40005, "BAD_USERNAME", "用户名只能包含数字和字母", "a username may only contain letters and digits"),
    c(40006, "USERNAME_TAKEN", "用户名已被使用，请重新输入！", "the username is taken"),
    c(40007, "INBOUND_NUMBER_TAKEN", "呼入号码已经被使用", "the inbound number is already in use"),
    c(40008, "AI_QUOTA_EXCEEDED", "Ai 数分配数超限", "more AI seats assigned than available"),
    c(40009, "PASSWORD_MISMATCH", "新密码两次输入不一致！", "the two new passwords differ"),
    c(-1, "UNKNOWN", "", "a code the document does not list"),
];

/// The table row for `code`, or the `UNKNOWN` row.
pub fn lookup(code: i64) -> &'static ApiCode {
    CODES.iter().find(|c| c.code == code).unwrap_or(&CODES[CODES.len() - 1])
}

/// The key is no longer valid: log in again and retry once.
pub fn is_session_expired(code: i64) -> bool {
    matches!(code, 20005 | 20006 | 40001)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_is_named() {
        for code in [
            0, 10001, 20001, 20002, 20003, 20004, 20005, 20006, 20007, 30001, 30002, 30003, 30004, 30005, 30006, 30008, 30009, 30010, 30011, 30012, 50001, 500,
            40001, 40002, 40003, 40004, 40005, 40006, 40007, 40008, 40009,
        ] {
            assert_eq!(lookup(code).code, code, "{code}");
        }
        assert_eq!(lookup(12345).name, "UNKNOWN");
        let mut names: Vec<_> = CODES.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CODES.len());
    }
}
