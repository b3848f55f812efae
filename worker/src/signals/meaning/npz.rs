//! Reads the arrays of a NumPy `.npz` file (a zip of `.npy` files): little-endian `f4`, `u1`,
//! `i1` and `f8` arrays in C order, which is all the encoder's weights use.
//!
//! Fails with an error naming the member and what was wrong (unknown type, Fortran order, a
//! length that does not match the shape); nothing is guessed.

use std::collections::HashMap;
use std::io::{Cursor, Read};

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

/// One array: its shape and its values (integers widened, `f8` narrowed, to `f32`; `u1`
/// arrays also kept as bytes, for the quantised embedding table).
pub(super) struct Array {
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
    pub bytes: Option<Vec<u8>>,
}

/// Every array in `data`, by name (without `.npy`).
pub(super) fn read(data: &[u8]) -> Result<HashMap<String, Array>, NpzError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data))?;
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i)?;
        let name = file.name().trim_end_matches(".npy").to_owned();
        // The size in the header is a hint only (a corrupt one must not allocate gigabytes).
        let hint = usize::try_from(file.size()).unwrap_or(0).min(1 << 27);
        let mut raw = Vec::with_capacity(hint);
        file.read_to_end(&mut raw)?;
        let array = parse(&raw).map_err(|why| NpzError::Array {
            name: name.clone(),
            why,
        })?;
        out.insert(name, array);
    }
    Ok(out)
}

fn parse(raw: &[u8]) -> Result<Array, String> {
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
    let count: usize = shape.iter().product();
    let body = &raw[start + len..];
    let (width, values, bytes): (usize, Vec<f32>, Option<Vec<u8>>) = match descr {
        "<f4" => (
            4,
            body.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            None,
        ),
        "<f8" => (
            8,
            body.chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().unwrap()) as f32)
                .collect(),
            None,
        ),
        "|u1" => (1, Vec::new(), Some(body.to_vec())),
        "|i1" => (1, body.iter().map(|b| f32::from(*b as i8)).collect(), None),
        d => return Err(format!("unsupported dtype {d}")),
    };
    if body.len() != count * width {
        return Err(format!(
            "{} bytes for shape {shape:?} of {descr}",
            body.len()
        ));
    }
    Ok(Array {
        shape,
        values,
        bytes,
    })
}

/// `'key': 'value'` in a header dict.
fn quoted_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let rest = header.split(&format!("'{key}':")).nth(1)?.trim_start();
    let rest = rest.strip_prefix('\'')?;
    rest.split('\'').next()
}
