//! AES-128-CBC with PKCS#7, as the 小A platform uses for `client_info_json`.
//!
//! Encryption is the hot path (up to 300,000 leads per task): it uses a plain
//! T-table AES written here, ~5× faster in wasm than the bitsliced software
//! backend of the `aes` crate, which CBC's serial chaining cannot feed more than
//! one block at a time. The key is derived from the `user_sn` that travels next
//! to the ciphertext, so this is transport obfuscation and constant time buys
//! nothing. Decryption (rare: debugging, tests) is the textbook inverse cipher,
//! small rather than fast. The RustCrypto `aes` + `cbc` crates are the
//! reference both are checked against (see the tests); they are not linked
//! into the wasm module, where their ~27 KB would not fit the size budget.

/// The fixed IV of the platform: ASCII `1234567890123456`.
pub const IV: [u8; 16] = *b"1234567890123456";

const fn xtime(x: u8) -> u8 {
    (x << 1) ^ (if x & 0x80 != 0 { 0x1b } else { 0 })
}

/// The AES S-box, computed at compile time (multiplicative inverse in
/// GF(2^8) followed by the affine transform).
const SBOX: [u8; 256] = {
    let mut sbox = [0u8; 256];
    let mut p: u8 = 1;
    let mut q: u8 = 1;
    loop {
        // p *= 3
        p = p ^ xtime(p);
        // q /= 3
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4);
        sbox[p as usize] = x ^ 0x63;
        if p == 1 {
            break;
        }
    }
    sbox[0] = 0x63;
    sbox
};

/// The encryption T-tables: T0[x] = (2·S[x], S[x], S[x], 3·S[x]) as a
/// big-endian word; T1..T3 are its byte rotations. Built once at first use
/// rather than stored: 4 KB of near-random words are 4 KB of the module a page
/// downloads (gzip cannot shrink them), building them takes microseconds.
type Tables = [[u32; 256]; 4];

/// Zero-initialised, so in the module's .bss (no bytes in the .wasm);
/// filled by [`init_tables`] before any read.
struct TableCell(std::cell::UnsafeCell<Tables>);
// SAFETY: written only inside `INIT.call_once`; read only after it returned
// (every `Aes128Enc` is made by `new`, which calls `init_tables`), and
// `Once` orders that write before those reads on every thread.
unsafe impl Sync for TableCell {}
static TABLES: TableCell = TableCell(std::cell::UnsafeCell::new([[0; 256]; 4]));
static INIT: std::sync::Once = std::sync::Once::new();

fn init_tables() {
    INIT.call_once(|| {
        // SAFETY: the only write, inside call_once (see TableCell).
        let t = unsafe { &mut *TABLES.0.get() };
        for i in 0..256 {
            let s = SBOX[i];
            let s2 = xtime(s);
            let s3 = s2 ^ s;
            let w = (u32::from(s2) << 24) | (u32::from(s) << 16) | (u32::from(s) << 8) | u32::from(s3);
            for (r, table) in t.iter_mut().enumerate() {
                table[i] = w.rotate_right(8 * r as u32);
            }
        }
    });
}

/// An expanded AES-128 encryption key.
pub struct Aes128Enc {
    rk: [u32; 44],
}

impl Aes128Enc {
    pub fn new(key: &[u8; 16]) -> Self {
        let mut rk = [0u32; 44];
        for i in 0..4 {
            rk[i] = u32::from_be_bytes([key[4 * i], key[4 * i + 1], key[4 * i + 2], key[4 * i + 3]]);
        }
        let mut rcon: u8 = 1;
        for i in 4..44 {
            let mut t = rk[i - 1];
            if i % 4 == 0 {
                t = t.rotate_left(8);
                let b = t.to_be_bytes();
                t = u32::from_be_bytes([SBOX[b[0] as usize] ^ rcon, SBOX[b[1] as usize], SBOX[b[2] as usize], SBOX[b[3] as usize]]);
                rcon = xtime(rcon);
            }
            rk[i] = rk[i - 4] ^ t;
        }
        init_tables();
        Aes128Enc { rk }
    }

    /// Encrypts one block given as four big-endian words.
    #[inline(always)]
    fn encrypt_words(&self, mut s: [u32; 4]) -> [u32; 4] {
        let rk = &self.rk;
        // SAFETY: `self` exists, so `new` ran `init_tables` (see TableCell).
        let [t0_, t1_, t2_, t3_] = unsafe { &*TABLES.0.get() };
        for (w, k) in s.iter_mut().zip(&rk[0..4]) {
            *w ^= k;
        }
        for r in 1..10 {
            let k = &rk[4 * r..4 * r + 4];
            let t0 = t0_[(s[0] >> 24) as usize] ^ t1_[((s[1] >> 16) & 0xff) as usize] ^ t2_[((s[2] >> 8) & 0xff) as usize] ^ t3_[(s[3] & 0xff) as usize] ^ k[0];
            let t1 = t0_[(s[1] >> 24) as usize] ^ t1_[((s[2] >> 16) & 0xff) as usize] ^ t2_[((s[3] >> 8) & 0xff) as usize] ^ t3_[(s[0] & 0xff) as usize] ^ k[1];
            let t2 = t0_[(s[2] >> 24) as usize] ^ t1_[((s[3] >> 16) & 0xff) as usize] ^ t2_[((s[0] >> 8) & 0xff) as usize] ^ t3_[(s[1] & 0xff) as usize] ^ k[2];
            let t3 = t0_[(s[3] >> 24) as usize] ^ t1_[((s[0] >> 16) & 0xff) as usize] ^ t2_[((s[1] >> 8) & 0xff) as usize] ^ t3_[(s[2] & 0xff) as usize] ^ k[3];
            s = [t0, t1, t2, t3];
        }
        let sb = |w: u32, sh: u32| u32::from(SBOX[((w >> sh) & 0xff) as usize]);
        let k = &rk[40..44];
        [
            ((sb(s[0], 24) << 24) | (sb(s[1], 16) << 16) | (sb(s[2], 8) << 8) | sb(s[3], 0)) ^ k[0],
            ((sb(s[1], 24) << 24) | (sb(s[2], 16) << 16) | (sb(s[3], 8) << 8) | sb(s[0], 0)) ^ k[1],
            ((sb(s[2], 24) << 24) | (sb(s[3], 16) << 16) | (sb(s[0], 8) << 8) | sb(s[1], 0)) ^ k[2],
            ((sb(s[3], 24) << 24) | (sb(s[0], 16) << 16) | (sb(s[1], 8) << 8) | sb(s[2], 0)) ^ k[3],
        ]
    }

    /// Encrypts one 16-byte block in place (ECB; for tests against FIPS-197).
    pub fn encrypt_block(&self, block: &mut [u8; 16]) {
        let out = self.encrypt_words(words(block));
        for (i, w) in out.iter().enumerate() {
            block[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
        }
    }

    /// CBC-encrypts `buf` in place; its length must be a multiple of 16.
    pub fn cbc_encrypt_in_place(&self, iv: &[u8; 16], buf: &mut [u8]) {
        let mut prev = words(iv);
        for chunk in buf.chunks_exact_mut(16) {
            let p = words(chunk);
            prev = self.encrypt_words([p[0] ^ prev[0], p[1] ^ prev[1], p[2] ^ prev[2], p[3] ^ prev[3]]);
            for (i, w) in prev.iter().enumerate() {
                chunk[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
            }
        }
    }
}

#[inline(always)]
fn words(b: &[u8]) -> [u32; 4] {
    let w = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    [w(0), w(4), w(8), w(12)]
}

/// Appends PKCS#7 padding (1..=16 bytes) to `buf`.
pub fn pkcs7_pad(buf: &mut Vec<u8>) {
    let n = 16 - buf.len() % 16;
    buf.resize(buf.len() + n, n as u8);
}

/// AES-128-CBC + PKCS#7 encryption of `plaintext`, in place.
pub fn encrypt_cbc_pkcs7(key: &[u8; 16], iv: &[u8; 16], plaintext: &mut Vec<u8>) {
    pkcs7_pad(plaintext);
    Aes128Enc::new(key).cbc_encrypt_in_place(iv, plaintext);
}

const INV_SBOX: [u8; 256] = {
    let mut inv = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        inv[SBOX[i] as usize] = i as u8;
        i += 1;
    }
    inv
};

const fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    p
}

/// Decrypts one block with the round keys of [`Aes128Enc`] (textbook
/// inverse cipher: InvShiftRows, InvSubBytes, AddRoundKey, InvMixColumns).
fn decrypt_block(rk: &[u32; 44], block: &mut [u8; 16]) {
    let add = |b: &mut [u8; 16], r: usize| {
        for c in 0..4 {
            let k = rk[4 * r + c].to_be_bytes();
            for i in 0..4 {
                b[4 * c + i] ^= k[i];
            }
        }
    };
    add(block, 10);
    for round in (0..10).rev() {
        // InvShiftRows + InvSubBytes: row i of column c comes from column c - i.
        let s = *block;
        for c in 0..4 {
            for i in 0..4 {
                block[4 * c + i] = INV_SBOX[s[4 * ((c + 4 - i) % 4) + i] as usize];
            }
        }
        add(block, round);
        if round > 0 {
            for c in 0..4 {
                let a = [block[4 * c], block[4 * c + 1], block[4 * c + 2], block[4 * c + 3]];
                for i in 0..4 {
                    block[4 * c + i] = gmul(a[i], 14) ^ gmul(a[(i + 1) % 4], 11) ^ gmul(a[(i + 2) % 4], 13) ^ gmul(a[(i + 3) % 4], 9);
                }
            }
        }
    }
}

/// AES-128-CBC + PKCS#7 decryption. `None` if the length is not a positive
/// multiple of 16 or the padding is malformed (usually: wrong key).
pub fn decrypt_cbc_pkcs7(key: &[u8; 16], iv: &[u8; 16], ciphertext: &[u8]) -> Option<Vec<u8>> {
    if ciphertext.is_empty() || ciphertext.len() % 16 != 0 {
        return None;
    }
    let rk = Aes128Enc::new(key).rk;
    let mut out = Vec::with_capacity(ciphertext.len());
    let mut prev = *iv;
    for chunk in ciphertext.chunks_exact(16) {
        let mut block = [0u8; 16];
        block.copy_from_slice(chunk);
        decrypt_block(&rk, &mut block);
        for i in 0..16 {
            out.push(block[i] ^ prev[i]);
        }
        prev.copy_from_slice(chunk);
    }
    let pad = *out.last()? as usize;
    if pad == 0 || pad > 16 || !out[out.len() - pad..].iter().all(|&b| b as usize == pad) {
        return None;
    }
    out.truncate(out.len() - pad);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::{block_padding::Pkcs7, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn sbox_spot_values() {
        assert_eq!(SBOX[0x00], 0x63);
        assert_eq!(SBOX[0x01], 0x7c);
        assert_eq!(SBOX[0x53], 0xed);
        assert_eq!(SBOX[0xff], 0x16);
        let mut seen = [false; 256];
        for &s in SBOX.iter() {
            assert!(!seen[s as usize]);
            seen[s as usize] = true;
        }
    }

    #[test]
    fn fips_197_appendix_c1() {
        let key: [u8; 16] = unhex("000102030405060708090a0b0c0d0e0f").try_into().unwrap();
        let mut block: [u8; 16] = unhex("00112233445566778899aabbccddeeff").try_into().unwrap();
        Aes128Enc::new(&key).encrypt_block(&mut block);
        assert_eq!(block.to_vec(), unhex("69c4e0d86a7b0430d8cdb78070b4c55a"));
    }

    #[test]
    fn nist_sp800_38a_cbc_aes128() {
        let key: [u8; 16] = unhex("2b7e151628aed2a6abf7158809cf4f3c").try_into().unwrap();
        let iv: [u8; 16] = unhex("000102030405060708090a0b0c0d0e0f").try_into().unwrap();
        let mut buf = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        Aes128Enc::new(&key).cbc_encrypt_in_place(&iv, &mut buf);
        assert_eq!(buf, unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"));
    }

    #[test]
    fn tables_agree_with_rustcrypto_for_many_lengths() {
        let key = *b"5d03d133d7fb004e";
        let mut state = 0x1234_5678u32;
        for len in 0..300 {
            let msg: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state as u8
                })
                .collect();
            let mut ours = msg.clone();
            encrypt_cbc_pkcs7(&key, &IV, &mut ours);
            let theirs = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &IV.into()).encrypt_padded_vec::<Pkcs7>(&msg);
            assert_eq!(ours, theirs, "len {len}");
            assert_eq!(decrypt_cbc_pkcs7(&key, &IV, &ours).unwrap(), msg);
            let reference = cbc::Decryptor::<aes::Aes128>::new(&key.into(), &IV.into()).decrypt_padded_vec::<Pkcs7>(&ours).unwrap();
            assert_eq!(reference, msg);
        }
    }

    #[test]
    fn decrypt_rejects_bad_lengths_and_padding() {
        let key = [7u8; 16];
        assert!(decrypt_cbc_pkcs7(&key, &IV, &[]).is_none());
        assert!(decrypt_cbc_pkcs7(&key, &IV, &[0u8; 15]).is_none());
        let mut ct = b"hello".to_vec();
        encrypt_cbc_pkcs7(&key, &IV, &mut ct);
        assert!(decrypt_cbc_pkcs7(&[8u8; 16], &IV, &ct).is_none() || decrypt_cbc_pkcs7(&[8u8; 16], &IV, &ct).unwrap() != b"hello");
    }
}
