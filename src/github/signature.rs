//! `X-Hub-Signature-256`: HMAC-SHA256 of the raw body, hex encoded after `sha256=`.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The header value GitHub would send for `body` signed with `secret`.
pub fn sign(secret: &SecretString, body: &[u8]) -> String {
    let mut mac = new_mac(secret);
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Whether `header` is a valid signature of `body` under any of `secrets` (several are
/// accepted while one is being rotated). The comparison is constant-time.
pub fn verify(secrets: &[SecretString], header: &str, body: &[u8]) -> bool {
    let Some(hex_digest) = header.trim().strip_prefix("sha256=") else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_digest) else {
        return false;
    };
    // Every secret is tried, so the time taken does not tell which one matched.
    secrets.iter().fold(false, |matched, secret| {
        let mut mac = new_mac(secret);
        mac.update(body);
        mac.verify_slice(&expected).is_ok() | matched
    })
}

fn new_mac(secret: &SecretString) -> HmacSha256 {
    HmacSha256::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s)
    }

    #[test]
    fn matches_githubs_published_test_vector() {
        let s = secret("It's a Secret to Everybody");
        let expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assert_eq!(sign(&s, b"Hello, World!"), expected);
        assert!(verify(&[s], expected, b"Hello, World!"));
    }

    #[test]
    fn rejects_wrong_malformed_and_tampered_signatures() {
        let s = secret("It's a Secret to Everybody");
        let good = sign(&s, b"Hello, World!");
        assert!(!verify(std::slice::from_ref(&s), &good, b"Hello, World?"));
        assert!(!verify(
            std::slice::from_ref(&s),
            "sha256=zz",
            b"Hello, World!"
        ));
        assert!(!verify(
            std::slice::from_ref(&s),
            "sha1=abc",
            b"Hello, World!"
        ));
        assert!(!verify(std::slice::from_ref(&s), "", b"Hello, World!"));
        assert!(!verify(&[], &good, b"Hello, World!"));
        assert!(!verify(&[secret("other")], &good, b"Hello, World!"));
    }

    #[test]
    fn accepts_any_configured_secret() {
        let old = secret("old");
        let new = secret("new");
        let body = b"{}";
        let both = [new.clone(), old.clone()];
        assert!(verify(&both, &sign(&old, body), body));
        assert!(verify(&both, &sign(&new, body), body));
    }
}
