//! Write-ahead log.
//!
//! The log is a sequence of segments `NNNNNN.log`. Each segment holds records
//! framed by [`format::RecordHeader`]. A record never crosses a segment
//! boundary; a writer that cannot fit the next record pads the segment and
//! rolls over.

pub mod format;
pub mod reader;
pub mod writer;

pub fn segment_file_name(log_number: u64) -> String {
    format!("{:06}.log", log_number)
}

pub fn parse_segment_file_name(name: &str) -> Option<u64> {
    name.strip_suffix(".log")?.parse().ok()
}
