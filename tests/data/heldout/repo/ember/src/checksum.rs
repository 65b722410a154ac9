//! Checksums used on disk.
//!
//! WAL records and SST blocks use CRC-32C (Castagnoli), masked like LevelDB so
//! that a checksum of data containing checksums does not degenerate.

const MASK_DELTA: u32 = 0xa282_ead8;

pub fn mask(crc: u32) -> u32 {
    crc.rotate_right(15).wrapping_add(MASK_DELTA)
}

pub fn unmask(masked: u32) -> u32 {
    masked.wrapping_sub(MASK_DELTA).rotate_left(15)
}

/// Checksum of a WAL record: type byte, optional log number, payload.
pub fn crc32c_masked(kind: u8, log_number: Option<u32>, payload: &[u8]) -> u32 {
    let mut crc = crc32c::crc32c(&[kind]);
    if let Some(n) = log_number {
        crc = crc32c::crc32c_append(crc, &n.to_le_bytes());
    }
    mask(crc32c::crc32c_append(crc, payload))
}

/// Checksum of an SST block (format >= 3).
pub fn block_checksum(data: &[u8], compression: u8) -> u32 {
    let crc = crc32c::crc32c(data);
    mask(crc32c::crc32c_append(crc, &[compression]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_roundtrip() {
        for v in [0u32, 1, 0xdead_beef, u32::MAX] {
            assert_eq!(unmask(mask(v)), v);
        }
    }
}
