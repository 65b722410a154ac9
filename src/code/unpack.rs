//! A GitHub tarball (`OWNER-REPO-SHA/` and the tree below it, gzip-compressed) into an index,
//! one entry at a time: nothing is written to disk, and only one file is in memory at once.

use std::io::Read;

use anyhow::{Context, Result};

use super::{Builder, CodeIndex, Limits};

/// Indexes the tarball read from `reader`. A tarball that is cut off or not a tarball fails
/// as a whole (a partial index would call present code missing).
pub fn index_tarball(
    reader: impl Read,
    repo: &str,
    sha: &str,
    limits: Limits,
) -> Result<CodeIndex> {
    let mut builder = Builder::new(repo, sha, limits);
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    let entries = archive.entries().context("the tarball cannot be read")?;
    for entry in entries {
        let mut entry = entry.context("the tarball is damaged or cut off")?;
        let kind = entry.header().entry_type();
        let raw_path = entry.path_bytes().into_owned();
        let Ok(raw_path) = String::from_utf8(raw_path) else {
            builder.skipped().not_utf8 += 1;
            continue;
        };
        // GitHub's tarballs put everything under one top directory.
        let path = match raw_path.split_once('/') {
            Some((_, rest)) => rest.trim_end_matches('/').to_string(),
            None => continue,
        };
        if kind.is_dir()
            || kind.is_pax_global_extensions()
            || kind.is_pax_local_extensions()
            || path.is_empty()
        {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            builder.skipped().links += 1;
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let size = entry.header().size().unwrap_or(u64::MAX);
        if !builder.wants(&path, size) {
            continue;
        }
        let mut content = Vec::with_capacity(size as usize);
        entry
            .read_to_end(&mut content)
            .context("the tarball is cut off inside a file")?;
        builder.add_wanted(&path, &content);
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tarball as GitHub makes one, from (path, content) pairs; `None` content is a symlink.
    pub(crate) fn tarball(files: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for (path, content) in files {
            let mut header = tar::Header::new_gnu();
            let full = format!("o-r-abc123/{path}");
            match content {
                Some(bytes) => {
                    header.set_size(bytes.len() as u64);
                    header.set_entry_type(tar::EntryType::Regular);
                    header.set_mode(0o644);
                    header.set_cksum();
                    tar.append_data(&mut header, &full, *bytes).expect("append");
                }
                None => {
                    header.set_size(0);
                    header.set_entry_type(tar::EntryType::Symlink);
                    header.set_cksum();
                    tar.append_link(&mut header, &full, "/etc/passwd")
                        .expect("link");
                }
            }
        }
        tar.into_inner().expect("tar").finish().expect("gzip")
    }

    #[test]
    fn a_tarball_is_indexed_and_links_skipped() {
        let bytes = tarball(&[
            ("src/app.py", Some(b"def main():\n    pass\n".as_slice())),
            ("src/link.py", None),
            ("README.md", Some(b"# app\n".as_slice())),
        ]);
        let index =
            index_tarball(bytes.as_slice(), "o/r", "abc123", Limits::default()).expect("indexed");
        let paths: Vec<&str> = index.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["src/app.py", "README.md"]);
        assert_eq!(index.skipped.links, 1);
        assert_eq!(index.definitions("main").count(), 1);
    }

    #[test]
    fn entries_that_climb_out_of_the_tree_are_skipped() {
        // The tar crate refuses to write `..`, so the header's name is set by hand, as a
        // hostile archive would.
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for name in ["o-r-1/../../etc/cron.py", "o-r-1/ok.py"] {
            let mut header = tar::Header::new_old();
            let raw = &mut header.as_old_mut().name;
            raw[..name.len()].copy_from_slice(name.as_bytes());
            header.set_size(4);
            header.set_entry_type(tar::EntryType::Regular);
            header.set_cksum();
            tar.append(&header, b"x=1\n".as_slice()).expect("append");
        }
        let bytes = tar.into_inner().expect("tar").finish().expect("gzip");
        let index =
            index_tarball(bytes.as_slice(), "o/r", "1", Limits::default()).expect("indexed");
        let paths: Vec<&str> = index.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["ok.py"]);
        assert_eq!(index.skipped.unsafe_path, 1);
    }

    #[test]
    fn a_file_the_parser_gives_up_on_is_counted_and_kept() {
        let mut builder = Builder::new("o/r", "1", Limits::default());
        builder.parser_budget(std::time::Duration::ZERO);
        let big: String = (0..20_000)
            .map(|i| format!("def f{i}(x):\n    return x\n"))
            .collect();
        builder.add_file("big.py", big.as_bytes());
        let index = builder.finish();
        assert_eq!(index.skipped.parse_failed, 1);
        assert_eq!(
            index.files.len(),
            1,
            "the file is still known (paths, lines)"
        );
        assert!(index.symbols.is_empty());
    }

    #[test]
    fn a_cut_off_or_foreign_tarball_fails() {
        let bytes = tarball(&[("a.py", Some(vec![b'#'; 50_000].as_slice()))]);
        let cut = &bytes[..bytes.len() / 2];
        assert!(index_tarball(cut, "o/r", "x", Limits::default()).is_err());
        assert!(index_tarball(b"not a tarball".as_slice(), "o/r", "x", Limits::default()).is_err());
    }
}
