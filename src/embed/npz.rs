//! Reading arrays out of a NumPy `.npz` file: a zip archive (stored or deflated members) of
//! `.npy` files. Only what the weights need is supported: C-order little-endian `f4`/`f8` arrays
//! and `u1` arrays, each read straight from the inflating stream into its destination.

use std::fs::File;
use std::io::{BufReader, ErrorKind, Read};
use std::path::{Path, PathBuf};

use super::EmbedError;

/// The element types the weights use, as named by an `.npy` header's `descr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dtype {
    F32,
    F64,
    U8,
}

/// numpy's names, as the header of a file a user may inspect with numpy says them.
impl std::fmt::Display for Dtype {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Dtype::F32 => "float32",
            Dtype::F64 => "float64",
            Dtype::U8 => "uint8",
        })
    }
}

/// An array shape written as numpy writes it, `(512, 256)`, for error messages.
pub(crate) fn shape_text(shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
    match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    }
}

impl Dtype {
    fn size(self) -> usize {
        match self {
            Dtype::F32 => 4,
            Dtype::F64 => 8,
            Dtype::U8 => 1,
        }
    }
}

/// What an `.npy` header says about the array that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NpyHeader {
    pub dtype: Dtype,
    pub shape: Vec<usize>,
}

impl NpyHeader {
    fn len(&self) -> usize {
        self.shape.iter().product()
    }
}

const NPY_MAGIC: &[u8] = b"\x93NUMPY";

/// Reads the magic, version, header length and header of an `.npy` stream, leaving `reader` at the
/// first data byte.
pub(crate) fn read_npy_header(reader: &mut impl Read) -> Result<NpyHeader, String> {
    let mut prelude = [0u8; 8];
    reader
        .read_exact(&mut prelude)
        .map_err(|_| "too short for an .npy header".to_string())?;
    if &prelude[..6] != NPY_MAGIC {
        return Err("not an .npy array (bad magic)".into());
    }
    let header_len = match prelude[6] {
        1 => {
            let mut len = [0u8; 2];
            reader
                .read_exact(&mut len)
                .map_err(|_| "truncated .npy header".to_string())?;
            usize::from(u16::from_le_bytes(len))
        }
        2 | 3 => {
            let mut len = [0u8; 4];
            reader
                .read_exact(&mut len)
                .map_err(|_| "truncated .npy header".to_string())?;
            u32::from_le_bytes(len) as usize
        }
        v => return Err(format!("unsupported .npy format version {v}")),
    };
    if header_len > 1 << 20 {
        return Err(format!("implausible .npy header length {header_len}"));
    }
    let mut header = vec![0u8; header_len];
    reader
        .read_exact(&mut header)
        .map_err(|_| "truncated .npy header".to_string())?;
    let header =
        std::str::from_utf8(&header).map_err(|_| "the .npy header is not text".to_string())?;
    parse_npy_header(header)
}

/// Parses the Python dict literal of an `.npy` header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (512, 256), }`.
pub(crate) fn parse_npy_header(header: &str) -> Result<NpyHeader, String> {
    let descr = dict_value(header, "descr")?;
    let descr = descr
        .strip_prefix('\'')
        .and_then(|d| d.split('\'').next())
        .ok_or_else(|| format!("unreadable descr in .npy header {header:?}"))?;
    let dtype = match descr {
        "<f4" => Dtype::F32,
        "<f8" => Dtype::F64,
        "|u1" | "<u1" | "u1" => Dtype::U8,
        other => return Err(format!("unsupported .npy dtype {other:?}")),
    };
    let fortran = dict_value(header, "fortran_order")?;
    if fortran.starts_with("True") {
        return Err("Fortran-order .npy arrays are not supported".into());
    } else if !fortran.starts_with("False") {
        return Err(format!(
            "unreadable fortran_order in .npy header {header:?}"
        ));
    }
    let shape = dict_value(header, "shape")?;
    let inner = shape
        .strip_prefix('(')
        .and_then(|s| s.split(')').next())
        .ok_or_else(|| format!("unreadable shape in .npy header {header:?}"))?;
    let shape = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| format!("bad dimension {s:?} in .npy shape"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    shape
        .iter()
        .try_fold(dtype.size(), |acc, &d| acc.checked_mul(d))
        .ok_or("the .npy shape overflows")?;
    Ok(NpyHeader { dtype, shape })
}

/// The text after `'key':` in a header dict, with leading spaces removed.
fn dict_value<'h>(header: &'h str, key: &str) -> Result<&'h str, String> {
    let quoted = format!("'{key}':");
    let at = header
        .find(&quoted)
        .ok_or_else(|| format!("the .npy header has no {key:?}"))?;
    Ok(header[at + quoted.len()..].trim_start())
}

/// An open `.npz` file. Errors name the file, and the array where there is one.
pub(crate) struct Npz {
    path: PathBuf,
    archive: zip::ZipArchive<BufReader<File>>,
}

impl Npz {
    pub(crate) fn open(path: &Path) -> Result<Npz, EmbedError> {
        let file = File::open(path).map_err(|e| EmbedError::io(path, e))?;
        let archive =
            zip::ZipArchive::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| match e {
                zip::result::ZipError::Io(e) => EmbedError::io(path, e),
                other => {
                    EmbedError::corrupt(path, format!("not a readable .npz (zip) archive: {other}"))
                }
            })?;
        Ok(Npz {
            path: path.to_path_buf(),
            archive,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn corrupt(&self, name: &str, reason: impl std::fmt::Display) -> EmbedError {
        EmbedError::corrupt(&self.path, format!("array {name:?}: {reason}"))
    }

    /// Opens member `name.npy`, checks its header against `dtype` and, if given, `shape`, and
    /// hands the data stream to `read`, then checks that the stream ends where the array does.
    fn with_array<T>(
        &mut self,
        name: &str,
        dtype: Dtype,
        shape: Option<&[usize]>,
        read: impl FnOnce(&NpyHeader, &mut dyn Read) -> std::io::Result<T>,
    ) -> Result<(NpyHeader, T), EmbedError> {
        let path = self.path.clone();
        let mut member = match self.archive.by_name(&format!("{name}.npy")) {
            Ok(member) => member,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(EmbedError::corrupt(
                    &path,
                    format!("it has no array {name:?}"),
                ))
            }
            Err(zip::result::ZipError::Io(e)) => return Err(EmbedError::io(&path, e)),
            Err(e) => return Err(EmbedError::corrupt(&path, format!("array {name:?}: {e}"))),
        };
        let header = read_npy_header(&mut member)
            .map_err(|reason| EmbedError::corrupt(&path, format!("array {name:?}: {reason}")))?;
        if header.dtype != dtype {
            return Err(EmbedError::corrupt(
                &path,
                format!("array {name:?} holds {}, expected {dtype}", header.dtype),
            ));
        }
        if let Some(shape) = shape {
            if header.shape != shape {
                return Err(EmbedError::corrupt(
                    &path,
                    format!(
                        "array {name:?} has shape {}, expected {}",
                        shape_text(&header.shape),
                        shape_text(shape)
                    ),
                ));
            }
        }
        let value = read(&header, &mut member).map_err(|e| match e.kind() {
            ErrorKind::UnexpectedEof => {
                EmbedError::corrupt(&path, format!("array {name:?} is truncated"))
            }
            _ => EmbedError::corrupt(&path, format!("array {name:?}: {e}")),
        })?;
        let mut extra = [0u8; 1];
        match member.read(&mut extra) {
            Ok(0) => {}
            Ok(_) => {
                return Err(EmbedError::corrupt(
                    &path,
                    format!(
                        "array {name:?} has data past its shape {}",
                        shape_text(&header.shape)
                    ),
                ))
            }
            Err(e) => return Err(EmbedError::corrupt(&path, format!("array {name:?}: {e}"))),
        }
        Ok((header, value))
    }

    /// Reads a little-endian `f4` array of exactly `shape`.
    pub(crate) fn f32_array(
        &mut self,
        name: &str,
        shape: &[usize],
    ) -> Result<Vec<f32>, EmbedError> {
        Ok(self.f32_array_any_shape(name, Some(shape))?.1)
    }

    /// Reads a little-endian `f4` array; returns its shape with it.
    pub(crate) fn f32_array_any_shape(
        &mut self,
        name: &str,
        shape: Option<&[usize]>,
    ) -> Result<(Vec<usize>, Vec<f32>), EmbedError> {
        let (header, values) = self.with_array(name, Dtype::F32, shape, |header, member| {
            let len = header.len();
            let mut values = Vec::with_capacity(len);
            // Convert through a small buffer rather than holding the bytes and the floats at once.
            let mut buf = [0u8; 1 << 14];
            while values.len() < len {
                let want = ((len - values.len()) * 4).min(buf.len());
                member.read_exact(&mut buf[..want])?;
                values.extend(
                    buf[..want]
                        .chunks_exact(4)
                        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
                );
            }
            Ok(values)
        })?;
        Ok((header.shape, values))
    }

    /// Reads a 0-d (scalar) or one-element `f8` array.
    pub(crate) fn f64_scalar(&mut self, name: &str) -> Result<f64, EmbedError> {
        let (header, value) = self.with_array(name, Dtype::F64, None, |header, member| {
            let mut b = [0u8; 8];
            if header.len() == 1 {
                member.read_exact(&mut b)?;
            }
            Ok(f64::from_le_bytes(b))
        })?;
        if header.len() != 1 {
            return Err(self.corrupt(
                name,
                format!(
                    "expected a scalar, found shape {}",
                    shape_text(&header.shape)
                ),
            ));
        }
        Ok(value)
    }

    /// The shape of a `u1` array, read from its header only.
    pub(crate) fn u8_shape(&mut self, name: &str) -> Result<Vec<usize>, EmbedError> {
        let path = self.path.clone();
        let mut member = self
            .archive
            .by_name(&format!("{name}.npy"))
            .map_err(|e| match e {
                zip::result::ZipError::FileNotFound => {
                    EmbedError::corrupt(&path, format!("it has no array {name:?}"))
                }
                zip::result::ZipError::Io(e) => EmbedError::io(&path, e),
                e => EmbedError::corrupt(&path, format!("array {name:?}: {e}")),
            })?;
        let header = read_npy_header(&mut member)
            .map_err(|reason| EmbedError::corrupt(&path, format!("array {name:?}: {reason}")))?;
        if header.dtype != Dtype::U8 {
            return Err(EmbedError::corrupt(
                &path,
                format!("array {name:?} holds {}, expected uint8", header.dtype),
            ));
        }
        Ok(header.shape)
    }

    /// Reads a `u1` array of exactly `shape` into `out` (whose length is the shape's product).
    pub(crate) fn u8_array_into(
        &mut self,
        name: &str,
        shape: &[usize],
        out: &mut [u8],
    ) -> Result<(), EmbedError> {
        debug_assert_eq!(out.len(), shape.iter().product::<usize>());
        self.with_array(name, Dtype::U8, Some(shape), |_, member| {
            member.read_exact(out)
        })?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// Test helper: an `.npy` file (format 1.0) with the given descr, shape text and data.
    pub(crate) fn npy(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = NPY_MAGIC.to_vec();
        out.extend_from_slice(&[1, 0]);
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    /// Test helper: an `.npy` file of little-endian f32 values.
    pub(crate) fn npy_f32(shape: &[usize], values: &[f32]) -> Vec<u8> {
        assert_eq!(shape.iter().product::<usize>(), values.len());
        let data: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        npy("<f4", &shape_text(shape), &data)
    }

    pub(crate) use super::shape_text;

    /// Test helper: writes an `.npz` with the given members (name without `.npy`), deflated.
    pub(crate) fn write_npz(path: &Path, members: &[(String, Vec<u8>)]) {
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            zip.start_file(format!("{name}.npy"), options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn parses_the_headers_numpy_writes() {
        let h = parse_npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (512, 256), }")
            .unwrap();
        assert_eq!(
            h,
            NpyHeader {
                dtype: Dtype::F32,
                shape: vec![512, 256]
            }
        );
        let h =
            parse_npy_header("{'descr': '|u1', 'fortran_order': False, 'shape': (7530, 512), }")
                .unwrap();
        assert_eq!(h.dtype, Dtype::U8);
        let h =
            parse_npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (17,), }").unwrap();
        assert_eq!(h.shape, vec![17]);
        let h =
            parse_npy_header("{'descr': '<f8', 'fortran_order': False, 'shape': (), }").unwrap();
        assert_eq!((h.dtype, h.shape.len(), h.len()), (Dtype::F64, 0, 1));
        // Keys in another order, no trailing comma.
        let h =
            parse_npy_header("{'shape': (3, 4), 'fortran_order': False, 'descr': '<f4'}").unwrap();
        assert_eq!(h.shape, vec![3, 4]);
    }

    #[test]
    fn rejects_headers_it_cannot_honour() {
        let err = |h: &str| parse_npy_header(h).unwrap_err();
        assert!(err("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }").contains("dtype"));
        assert!(
            err("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }").contains("Fortran")
        );
        assert!(err("{'descr': '<f4', 'fortran_order': False, }").contains("shape"));
        assert!(
            err("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }")
                .contains("dimension")
        );
        assert!(err(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 8), }"
        )
        .contains("overflows"));
    }

    #[test]
    fn reads_headers_from_a_stream() {
        let bytes = npy("<f4", "(2,)", &[0; 8]);
        let mut reader = &bytes[..];
        let h = read_npy_header(&mut reader).unwrap();
        assert_eq!(h.shape, vec![2]);
        assert_eq!(reader.len(), 8);
        assert!(read_npy_header(&mut &b"\x93NUMPX\x01\x00"[..])
            .unwrap_err()
            .contains("magic"));
        assert!(read_npy_header(&mut &bytes[..12])
            .unwrap_err()
            .contains("truncated"));
        assert!(read_npy_header(&mut &b"\x93NUMPY\x09\x00"[..])
            .unwrap_err()
            .contains("version"));
    }

    #[test]
    fn reads_arrays_and_reports_bad_ones_by_file_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.npz");
        write_npz(
            &path,
            &[
                (
                    "a".into(),
                    npy_f32(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, -6.5]),
                ),
                ("q".into(), npy("|u1", "(2, 2)", &[1, 2, 3, 4])),
                ("eps".into(), npy("<f8", "()", &1e-12f64.to_le_bytes())),
                ("short".into(), npy("<f4", "(4,)", &[0; 12])),
                ("long".into(), npy("<f4", "(1,)", &[0; 8])),
            ],
        );
        let mut npz = Npz::open(&path).unwrap();
        assert_eq!(
            npz.f32_array("a", &[2, 3]).unwrap(),
            vec![1.0, 2.0, 3.0, 4.0, 5.0, -6.5]
        );
        assert_eq!(npz.f64_scalar("eps").unwrap(), 1e-12);
        assert_eq!(npz.u8_shape("q").unwrap(), vec![2, 2]);
        let mut q = [0u8; 4];
        npz.u8_array_into("q", &[2, 2], &mut q).unwrap();
        assert_eq!(q, [1, 2, 3, 4]);

        let message = |e: EmbedError| e.to_string();
        let e = message(npz.f32_array("a", &[3, 2]).unwrap_err());
        assert!(
            e.contains("w.npz") && e.contains("\"a\"") && e.contains("shape"),
            "{e}"
        );
        let e = message(npz.f32_array("missing", &[1]).unwrap_err());
        assert!(e.contains("no array \"missing\""), "{e}");
        let e = message(npz.f32_array("q", &[2, 2]).unwrap_err());
        // numpy's names for types and shapes, not Rust's debug text.
        assert!(e.contains("holds uint8, expected float32"), "{e}");
        let e = message(npz.f32_array("a", &[3, 2]).unwrap_err());
        assert!(e.contains("expected (3, 2)") && !e.contains('['), "{e}");
        let e = message(npz.f32_array("short", &[4]).unwrap_err());
        assert!(e.contains("truncated"), "{e}");
        let e = message(npz.f32_array("long", &[1]).unwrap_err());
        assert!(e.contains("past its shape"), "{e}");
    }

    #[test]
    fn missing_and_non_zip_files_are_typed_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.npz");
        assert!(matches!(
            Npz::open(&missing),
            Err(EmbedError::Missing { .. })
        ));
        let junk = dir.path().join("junk.npz");
        std::fs::write(&junk, b"this is not a zip archive at all").unwrap();
        match Npz::open(&junk) {
            Err(e @ EmbedError::Corrupt { .. }) => assert!(e.to_string().contains("junk.npz")),
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("junk opened as a zip"),
        }
    }
}
