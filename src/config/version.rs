//! Release versions as the settings and the analysis read them (`1.4`, `v1.2.3`).

/// A version as `[major, minor, patch]`, missing parts zero; compares in release order.
pub type Version = [u16; 3];

/// Parses `1.2.3`, `v1.2` into a [`Version`].
pub fn parse(s: &str) -> Option<Version> {
    let s = s.trim();
    let s = s
        .strip_prefix('v')
        .or_else(|| s.strip_prefix('V'))
        .unwrap_or(s);
    let mut out = [0u16; 3];
    let mut parts = 0;
    for (i, part) in s.split('.').enumerate() {
        if i >= 3 {
            return None;
        }
        out[i] = part.parse().ok()?;
        parts += 1;
    }
    (parts >= 2).then_some(out)
}

/// Shows a version as it is usually written (`1.2.0`).
pub fn show(v: Version) -> String {
    format!("{}.{}.{}", v[0], v[1], v[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_compare_in_release_order() {
        assert_eq!(parse("1.0.4"), Some([1, 0, 4]));
        assert_eq!(parse("v0.9"), Some([0, 9, 0]));
        assert_eq!(parse("1"), None);
        assert_eq!(parse("1.2.3.4"), None);
        assert_eq!(parse("1.x"), None);
        assert!(parse("0.8.2") < parse("0.10.0"));
        assert_eq!(show([1, 2, 0]), "1.2.0");
    }
}
