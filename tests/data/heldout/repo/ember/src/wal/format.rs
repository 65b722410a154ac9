//! On-disk record framing.
//!
//! Format <= 3 header (9 bytes):   crc32c(4) | len(4) | type(1)
//! Format 4 header (13 bytes):     crc32c(4) | len(4) | type(1) | log_number(4)
//!
//! The checksum covers type, log_number (format 4) and payload.

pub const LEGACY_HEADER_SIZE: usize = 9;
pub const RECYCLABLE_HEADER_SIZE: usize = 13;

#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordType {
    /// All-zero header: preallocated space that was never written.
    Zero = 0,
    Full = 1,
    Padding = 2,
    RecyclableFull = 5,
}

impl RecordType {
    pub fn from_u8(b: u8) -> Option<RecordType> {
        match b {
            0 => Some(RecordType::Zero),
            1 => Some(RecordType::Full),
            2 => Some(RecordType::Padding),
            5 => Some(RecordType::RecyclableFull),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct RecordHeader {
    pub crc: u32,
    pub len: u32,
    pub kind: RecordType,
    pub log_number: Option<u32>,
}

impl RecordHeader {
    pub fn header_size(recyclable: bool) -> usize {
        if recyclable {
            RECYCLABLE_HEADER_SIZE
        } else {
            LEGACY_HEADER_SIZE
        }
    }

    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.crc.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
        out.push(self.kind as u8);
        if let Some(n) = self.log_number {
            out.extend_from_slice(&n.to_le_bytes());
        }
    }

    pub fn decode(buf: &[u8], recyclable: bool) -> Option<RecordHeader> {
        let need = Self::header_size(recyclable);
        if buf.len() < need {
            return None;
        }
        let crc = u32::from_le_bytes(buf[0..4].try_into().ok()?);
        let len = u32::from_le_bytes(buf[4..8].try_into().ok()?);
        let kind = RecordType::from_u8(buf[8])?;
        let log_number = if recyclable {
            Some(u32::from_le_bytes(buf[9..13].try_into().ok()?))
        } else {
            None
        };
        Some(RecordHeader {
            crc,
            len,
            kind,
            log_number,
        })
    }
}
