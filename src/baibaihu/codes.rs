//! The 八百呼 return codes (1.2), and the device codes of upload_record (2.1.10).

#[derive(Debug)]
pub struct BbhCode {
    pub code: i64,
    pub name: &'static str,
    pub msg_zh: &'static str,
    pub explain: &'static str,
}

const fn c(code: i64, name: &'static str, msg_zh: &'static str, explain: &'static str) -> BbhCode {
    BbhCode { code, name, msg_zh, explain }
}

pub static CODES: [BbhCode; 14] = [
    c(0, "OK", "成功", "success"),
    c(-1, "NETWORK_ERROR", "网络错误", "network error on the 八百呼 side"),
    c(-2, "AUTH_FAILED", "验证错误", "authentication failed: check sa_user and the password (sent as its MD5)"),
    c(-3, "METHOD_ERROR", "方法内部错误", "the method failed inside the server (or the method name is unknown)"),
    c(-5, "NO_PERMISSION", "没有权限", "this account may not call this method (some need an administrator)"),
    c(-6, "SQL_ERROR", "SQL 语句执行错误", "a database statement failed on the server"),
    c(-10, "ALREADY_EXISTS", "数据已经存在", "the data already exists (duplicate)"),
    c(-11, "NOT_FOUND", "数据不存在", "no such data (unknown id or number)"),
    c(-12, "TOO_LARGE", "超过最大值错误", "a value exceeds its maximum"),
    c(-13, "FILE_SAVE_FAILED", "文件保存失败", "the file could not be saved"),
    c(-14, "GROUP_CHECK_FAILED", "验证组错误", "group validation failed"),
    c(3001, "DEVICE_NOT_REGISTERED", "设备未注册或未分配用户", "the device (MAC) is not registered or not assigned to a user"),
    c(3002, "MAC_MISSING", "MAC 参数不能少", "the device MAC (satellite) is missing"),
    c(3003, "NO_MESSAGES", "没有可处理的消息", "no messages to process"),
];

static UNKNOWN: BbhCode = c(i64::MIN, "UNKNOWN", "", "a code the document does not list");

pub fn lookup(code: i64) -> &'static BbhCode {
    CODES.iter().find(|c| c.code == code).unwrap_or(&UNKNOWN)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_of_1_2() {
        for code in [-1, -2, -3, -5, -6, -10, -11, -12, -13, -14] {
            assert_ne!(super::lookup(code).name, "UNKNOWN", "{code}");
        }
        assert_eq!(super::lookup(-4).name, "UNKNOWN");
    }
}
