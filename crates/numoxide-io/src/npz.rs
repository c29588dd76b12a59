//! .npz archives: zip files of .npy members, written by `savez`/`savez_compressed` and
//! read lazily, one member at a time, with every read bounded.

use std::io::{Read, Seek, Write};

use numoxide_core::error::{Error, Result};
use numoxide_core::NdArray;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::header::MAGIC_PREFIX;
use crate::npy::{self, io_error, ReadSource};

/// Deflate cannot expand data more than ~1032 times; a member that claims more than
/// this many bytes per compressed byte is lying (a zip bomb or a corrupt file).
const MAX_DEFLATE_RATIO: u64 = 1040;

fn zip_error(e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => io_error(&io),
        other => Error::value(format!("bad zip file: {other}")),
    }
}

/// Anything an archive can be read from.
pub trait ReadSeek: Read + Seek + Send + Sync {}
impl<T: Read + Seek + Send + Sync> ReadSeek for T {}

/// Write `members` (name without `.npy`, array) as an .npz archive into `w`.
///
/// # Errors
/// I/O and zip errors; `MemoryError` for copies of non-contiguous arrays.
pub fn write_npz<W: Write + Seek>(
    w: W,
    members: &[(String, NdArray)],
    compress: bool,
) -> Result<W> {
    let mut zw = ZipWriter::new(w);
    let method = if compress {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    };
    for (name, a) in members {
        let (header, _) = npy::header_for(a, None)?;
        let total = (header.len() as u64).saturating_add(a.nbytes() as u64);
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(total >= 0xFFFF_0000);
        zw.start_file(format!("{name}.npy"), options)
            .map_err(zip_error)?;
        zw.write_all(&header).map_err(|e| io_error(&e))?;
        npy::write_data(&mut zw, a)?;
    }
    zw.finish().map_err(zip_error)
}

/// One member's content: an array, or the raw bytes of a member that is not .npy.
pub enum Member {
    /// A .npy member.
    Array(NdArray),
    /// Any other member, as NumPy returns it (`bytes`).
    Raw(Vec<u8>),
}

/// An open .npz archive.
pub struct NpzReader {
    archive: ZipArchive<Box<dyn ReadSeek>>,
}

impl NpzReader {
    /// Open an archive (reads only the central directory).
    ///
    /// # Errors
    /// `ValueError` for a file that is not a zip archive.
    pub fn new(r: Box<dyn ReadSeek>) -> Result<Self> {
        Ok(NpzReader {
            archive: ZipArchive::new(r).map_err(zip_error)?,
        })
    }

    /// The member names in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Read the member `name`.
    ///
    /// # Errors
    /// `KeyError`-like `ValueError` when absent (the binding checks names first), the
    /// errors of [`npy::read_array`], and a `ValueError` for a member whose sizes are
    /// impossible (a zip bomb).
    pub fn read(&mut self, name: &str, max_header_size: usize) -> Result<Member> {
        let mut f = self.archive.by_name(name).map_err(zip_error)?;
        let size = f.size();
        let compressed = f.compressed_size();
        if f.compression() != CompressionMethod::Stored
            && size
                > compressed
                    .saturating_mul(MAX_DEFLATE_RATIO)
                    .saturating_add(4096)
        {
            return Err(Error::value(format!(
                "zip member '{name}' claims {size} bytes from {compressed} compressed bytes; refusing to expand it"
            )));
        }
        let mut magic = [0u8; 6];
        let mut got = 0;
        while got < magic.len() {
            let n = f.read(&mut magic[got..]).map_err(|e| io_error(&e))?;
            if n == 0 {
                break;
            }
            got += n;
        }
        let head = magic[..got].to_vec();
        let rest = size.saturating_sub(got as u64);
        if head.as_slice() == MAGIC_PREFIX {
            let mut src =
                ReadSource::new(std::io::Cursor::new(head).chain(&mut f), Some(size), false);
            return Ok(Member::Array(npy::read_array(&mut src, max_header_size)?));
        }
        let mut out = head;
        let cap = usize::try_from(rest).map_err(|_| Error::value("zip member too large"))?;
        out.reserve(cap.min(64 << 20));
        (&mut f)
            .take(rest)
            .read_to_end(&mut out)
            .map_err(|e| io_error(&e))?;
        Ok(Member::Raw(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_read_members() {
        let a = NdArray::from_vec(vec![1.5f64, 2.5, -0.0], &[3]).unwrap();
        let b = NdArray::from_vec((0..12i64).collect(), &[3, 4]).unwrap();
        for compress in [false, true] {
            let members = vec![
                ("a".to_string(), a.clone()),
                ("b".to_string(), b.transpose(None).unwrap()),
            ];
            let cur = write_npz(std::io::Cursor::new(Vec::new()), &members, compress).unwrap();
            let mut r = NpzReader::new(Box::new(std::io::Cursor::new(cur.into_inner()))).unwrap();
            assert_eq!(r.names(), vec!["a.npy", "b.npy"]);
            match r.read("b.npy", 10000).unwrap() {
                Member::Array(x) => assert_eq!(
                    x.to_vec::<i64>(),
                    b.transpose(None).unwrap().to_vec::<i64>()
                ),
                Member::Raw(_) => panic!("expected an array"),
            }
        }
    }
}
