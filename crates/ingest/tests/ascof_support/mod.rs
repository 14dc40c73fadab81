//! Shared helpers for the ASCOF tests: where the real data is, and an
//! independent look at the published ODS (calamine, located by header text and
//! ONS code) to derive expected values from the sheet itself.

#![allow(dead_code)]

use calamine::{Data, Ods, Range, Reader};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The real data: the repository's `data/`, or `CONTINUUM_SHARED_DATA`.
pub fn data_dir() -> PathBuf {
    continuum_ingest::data_dir()
}

pub fn ods_path() -> PathBuf {
    data_dir().join("ascof/ascof_2024_25.ods")
}

/// One sheet of the published ODS, opened directly with calamine.
pub struct RawSheet {
    pub range: Range<Data>,
    pub header_row: usize,
}

pub fn raw_sheet(name: &str) -> RawSheet {
    let mut book: Ods<_> = calamine::open_workbook(ods_path()).expect("the ODS opens");
    let range = book.worksheet_range(name).expect("the sheet exists");
    let header_row = (0..range.height())
        .find(|&r| (0..range.width()).any(|c| text(range.get((r, c))) == "ONS area code"))
        .expect("a header row with 'ONS area code'");
    RawSheet { range, header_row }
}

pub fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

impl RawSheet {
    pub fn col(&self, header: &str) -> usize {
        (0..self.range.width())
            .find(|&c| text(self.range.get((self.header_row, c))) == header)
            .unwrap_or_else(|| panic!("no column '{header}'"))
    }

    /// The row of the area with this ONS code (or, for rows without one, name).
    pub fn row(&self, key: &str) -> usize {
        let ons = self.col("ONS area code");
        let name = self.col("Local authority");
        (self.header_row + 1..self.range.height())
            .find(|&r| {
                text(self.range.get((r, ons))) == key || text(self.range.get((r, name))) == key
            })
            .unwrap_or_else(|| panic!("no row for '{key}'"))
    }

    pub fn cell(&self, key: &str, header: &str) -> Data {
        self.range
            .get((self.row(key), self.col(header)))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    pub fn number(&self, key: &str, header: &str) -> f64 {
        match self.cell(key, header) {
            Data::Float(f) => f,
            Data::Int(i) => i as f64,
            other => panic!("{key} / {header}: not a number: {other:?}"),
        }
    }

    /// Every data row: (ONS code cell, name cell, row index).
    pub fn rows(&self) -> Vec<(String, String, usize)> {
        let ons = self.col("ONS area code");
        let name = self.col("Local authority");
        (self.header_row + 1..self.range.height())
            .map(|r| {
                (
                    text(self.range.get((r, ons))),
                    text(self.range.get((r, name))),
                    r,
                )
            })
            .filter(|(o, n, _)| !o.is_empty() || !n.is_empty())
            .collect()
    }
}

/// Copies the ODS to `to`, passing `content.xml` through `edit`.
pub fn rewrite_ods(to: &Path, edit: impl FnOnce(String) -> String) {
    let src = std::fs::File::open(ods_path()).expect("the ODS opens");
    let mut zin = zip::ZipArchive::new(src).expect("the ODS is a zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let mut edit = Some(edit);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read entry");
        if name == "content.xml" {
            let xml = String::from_utf8(bytes).expect("utf-8");
            bytes = (edit.take().expect("one content.xml"))(xml).into_bytes();
        }
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        zout.start_file(name, opts).expect("start entry");
        zout.write_all(&bytes).expect("write entry");
    }
    zout.finish().expect("finish zip");
}
