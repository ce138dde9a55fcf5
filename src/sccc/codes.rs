//! The SCCC error table (the SCCC document, 二、错误码): small integers and the
//! 0xF10000xx general codes, with their names and what they mean.

#[derive(Debug)]
pub struct ScccCode {
    pub code: i64,
    pub name: &'static str,
    pub msg_zh: &'static str,
    pub explain: &'static str,
}

const fn c(code: i64, name: &'static str, msg_zh: &'static str, explain: &'static str) -> ScccCode {
    ScccCode { code, name, msg_zh, explain }
}

pub static CODES: [ScccCode; 39] = [
    c(-1, "E_FAIL", "未知错误", "unknown error"),
    c(0, "E_SUCC", "成功", "success"),
    c(
        1,
        "E_S_AUTH_FAIL",
        "认证失败",
        "authentication failed: check customer and password (the digest is MD5 of customer@timestamp@seq@password) and the clock",
    ),
    c(2, "E_S_SESS_TIMEOUT", "SESSION 超时", "session timed out"),
    c(3, "E_S_SESS_BREAKEN", "SESSION 被破坏", "session broken"),
    c(4, "E_W_DB_OPT_FAIL", "数据库操作失败", "database operation failed on the call center"),
    c(5, "E_C_INVALID_PARAM", "参数错误", "invalid parameter"),
    c(6, "E_S_ACCESS_FORBIDDEN", "访问受限", "access forbidden for this customer"),
    c(7, "E_C_CONFIG_ERROR", "配置错误", "configuration error"),
    c(8, "E_C_INVALID_MSG", "请求数据格式错误", "malformed request"),
    c(10, "E_C_UNSUPPORT_API_VERSION", "不支持的 API 版本", "unsupported API version: the version in the URL (V2.0.x) is wrong"),
    c(11, "E_C_UNSUPPORT_API_REQUEST", "不支持的 API 请求", "unsupported API: the API name in the URL is wrong or not enabled"),
    c(0xF100_0001, "E_G_INVALID_PARAM", "参数错误", "invalid parameter"),
    c(0xF100_0002, "E_G_DB_OPT_FAIL", "数据库操作失败", "database operation failed"),
    c(0xF100_0003, "E_G_RES_IN_USE", "资源正在被使用", "the resource is in use"),
    c(0xF100_0004, "E_G_RES_NAME_EXIST", "资源名称被使用", "the resource name is taken"),
    c(0xF100_0005, "E_G_BILLING_RATE_CONFLICT", "计费费率冲突", "billing rate conflict"),
    c(0xF100_0006, "E_G_INTER_ERROR", "内部错误", "internal error of the call center"),
    c(0xF100_0007, "E_G_QUERY_FAIL", "查询失败", "query failed"),
    c(0xF100_0008, "E_G_RES_NOT_EXIST", "资源不存在", "the resource does not exist (agent, task…)"),
    c(0xF100_0009, "E_G_RES_ALLOC_FAIL", "申请资源失败", "resource allocation failed"),
    c(0xF100_000A, "E_G_EXEC_FAIL", "模块之间通讯失败", "modules of the call center could not talk to each other"),
    c(0xF100_000B, "E_G_PASSWORD_ERROR", "密码错误", "wrong password"),
    c(0xF100_000C, "E_G_BALANCE_TOO_LARGE", "余额超出系统范围", "balance beyond the system's range (max 100000000)"),
    c(0xF100_000D, "E_G_MONEY_TOO_LARGE", "单次操作金额太大", "amount too large for one operation (max 100000)"),
    c(0xF100_000E, "E_G_INVALID_OPT", "非法操作", "operation not allowed"),
    c(0xF100_000F, "E_G_BALANCE_LACK", "余额不足", "insufficient balance"),
    c(0xF100_0010, "E_G_READ_FILE_FAIL", "文件读取失败", "could not read the file"),
    c(0xF100_0011, "E_G_FILE_NOT_EXIST", "文件不存在", "file not found"),
    c(0xF100_0012, "E_G_UPLOAD_FAIL", "上传失败", "upload failed"),
    c(0xF100_0013, "E_G_STAFF_NO_EXIST", "指定工号不存在", "no such agent (staff number)"),
    c(0xF100_0014, "E_G_CONFIG_ERROR", "配置错误", "configuration error"),
    c(0xF100_0015, "E_G_NUMBER_EXIST", "号码已经存在", "the number already exists"),
    c(0xF100_0016, "E_G_DATASYN_FAIL", "数据同步失败", "data synchronisation failed"),
    c(0xF100_0017, "E_G_NUMBER_INVALID", "号码非法", "invalid phone number"),
    c(0xF100_0018, "E_G_DID_NO_EXIST", "DID号码不存在", "the DID number does not exist"),
    c(0xF100_0019, "E_G_FEE_ERROR", "费率错误", "rate error"),
    c(0xF100_0020, "E_G_INVALID_MSG", "指定格式解析数据失败", "the data could not be parsed in the expected format"),
    c(0xF100_0021, "E_G_API_TO_FREQUENTLY", "API 请求太频繁", "too many API requests: slow down"),
];

static UNKNOWN: ScccCode = c(i64::MIN, "UNKNOWN", "", "a code the document does not list");

/// Every documented code.
pub fn documented() -> impl Iterator<Item = &'static ScccCode> {
    CODES.iter()
}

/// The row for `code`, or the `UNKNOWN` row.
pub fn lookup(code: i64) -> &'static ScccCode {
    CODES.iter().find(|c| c.code == code).unwrap_or(&UNKNOWN)
}

/// A code as it may arrive: a JSON number, a decimal string, or `"0xF1000001"`.
pub fn parse(text: &str) -> Option<i64> {
    let t = text.trim().trim_matches('"').trim();
    if t.is_empty() {
        return Some(0);
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(h, 16).ok();
    }
    // "5.0", "5.00": an integer written as a float.
    let int = match t.split_once('.') {
        Some((i, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => i,
        _ => t,
    };
    int.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_has_a_unique_name() {
        let codes: Vec<i64> = documented().map(|c| c.code).collect();
        assert_eq!(codes.len(), 39);
        let mut names: Vec<&str> = documented().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 39);
        assert_eq!(lookup(1).name, "E_S_AUTH_FAIL");
        assert_eq!(lookup(0xF100_0021).name, "E_G_API_TO_FREQUENTLY");
        assert_eq!(lookup(99).name, "UNKNOWN");
    }

    #[test]
    fn codes_parse_in_every_form() {
        assert_eq!(parse("0"), Some(0));
        assert_eq!(parse("\"\""), Some(0));
        assert_eq!(parse("\"1\""), Some(1));
        assert_eq!(parse("-1"), Some(-1));
        assert_eq!(parse("\"0xF1000001\""), Some(0xF100_0001));
        assert_eq!(parse("4043309057"), Some(0xF100_0001));
        assert_eq!(parse("\"oops\""), None);
    }
}
