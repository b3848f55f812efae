//! Reads the arrays of a NumPy `.npz` file (a zip of `.npy` files): little-endian `f4`, `u1`,
//! `i1` and `f8` arrays in C order, which is all the encoder's weights use.
//!
//! Fails with an error naming the member and what was wrong (unknown type, Fortran order, a
//! length that does not match the shape); nothing is guessed.

use std::io::{Read, Seek};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum NpzError {
    #[error("weights file: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("weights file: {0}")]
    Io(#[from] std::io::Error),
    #[error("weights file, array {name}: {why}")]
    Array { name: String, why: String },
}

/// One member of the archive, borrowed from a buffer the reader reuses.
pub(super) struct Member<'a> {
    pub name: String,
    pub shape: Vec<usize>,
    descr: String,
    body: &'a [u8],
}

impl Member<'_> {
    fn error(&self, why: impl Into<String>) -> NpzError {
        NpzError::Array {
            name: self.name.clone(),
            why: why.into(),
        }
    }

    fn count(&self) -> usize {
        self.shape.iter().product()
    }

    /// The values of a float (`f4`, `f8`) or signed byte array as `f32`.
    pub fn floats(&self) -> Result<Vec<f32>, NpzError> {
        let (width, values): (usize, Vec<f32>) = match self.descr.as_str() {
            "<f4" => (
                4,
                self.body
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            ),
            "<f8" => (
                8,
                self.body
                    .chunks_exact(8)
                    .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")) as f32)
                    .collect(),
            ),
            "|i1" => (1, self.body.iter().map(|b| f32::from(*b as i8)).collect()),
            d => return Err(self.error(format!("dtype {d} is not a float array"))),
        };
        if self.body.len() != self.count() * width {
            return Err(self.error(format!(
                "{} bytes for shape {:?}",
                self.body.len(),
                self.shape
            )));
        }
        Ok(values)
    }

    /// The bytes of a `u1` array.
    pub fn bytes(&self) -> Result<&[u8], NpzError> {
        if self.descr != "|u1" {
            return Err(self.error(format!("dtype {} is not uint8", self.descr)));
        }
        if self.body.len() != self.count() {
            return Err(self.error(format!(
                "{} bytes for shape {:?}",
                self.body.len(),
                self.shape
            )));
        }
        Ok(self.body)
    }
}

/// Calls `visit` with each array of the archive in turn, decompressing every member into one
/// reused buffer (so loading holds no more than the largest member besides what `visit`
/// keeps).
pub(super) fn for_each(
    reader: impl Read + Seek,
    mut visit: impl FnMut(Member<'_>) -> Result<(), NpzError>,
) -> Result<(), NpzError> {
    let mut zip = zip::ZipArchive::new(reader)?;
    let mut raw = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i)?;
        let name = file.name().trim_end_matches(".npy").to_owned();
        raw.clear();
        file.read_to_end(&mut raw)?;
        let (shape, descr, start) = header(&raw).map_err(|why| NpzError::Array {
            name: name.clone(),
            why,
        })?;
        visit(Member {
            name,
            shape,
            descr,
            body: &raw[start..],
        })?;
    }
    Ok(())
}

/// Shape, dtype and where the data starts.
fn header(raw: &[u8]) -> Result<(Vec<usize>, String, usize), String> {
    if raw.get(..6) != Some(b"\x93NUMPY") {
        return Err("not an .npy array".into());
    }
    let major = *raw.get(6).ok_or("truncated header")?;
    let (len, start) = match major {
        1 => (
            usize::from(u16::from_le_bytes(
                raw.get(8..10)
                    .ok_or("truncated header")?
                    .try_into()
                    .unwrap(),
            )),
            10,
        ),
        2 | 3 => (
            u32::from_le_bytes(
                raw.get(8..12)
                    .ok_or("truncated header")?
                    .try_into()
                    .unwrap(),
            ) as usize,
            12,
        ),
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = std::str::from_utf8(raw.get(start..start + len).ok_or("truncated header")?)
        .map_err(|_| "header is not text")?;
    let descr = quoted_value(header, "descr").ok_or("no descr")?;
    if header.contains("'fortran_order': True") {
        return Err("Fortran order is not supported".into());
    }
    let shape_text = header
        .split("'shape':")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or("no shape")?;
    let shape: Vec<usize> = shape_text
        .trim()
        .trim_start_matches('(')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| format!("bad shape {shape_text}")))
        .collect::<Result<_, _>>()?;
    Ok((shape, descr.to_owned(), start + len))
}

/// `'key': 'value'` in a header dict.
fn quoted_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let rest = header.split(&format!("'{key}':")).nth(1)?.trim_start();
    let rest = rest.strip_prefix('\'')?;
    rest.split('\'').next()
}
