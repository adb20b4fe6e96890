//! Just enough of the protobuf wire format to read a SentencePiece model: varints and the fields of
//! one message, with length-delimited payloads returned as borrowed slices. Group wire types
//! (deprecated, never used by SentencePiece) are rejected rather than skipped.

/// The value of one field, as the wire format carries it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum WireValue<'a> {
    Varint(u64),
    Fixed64([u8; 8]),
    Bytes(&'a [u8]),
    Fixed32([u8; 4]),
}

impl<'a> WireValue<'a> {
    /// A `float` field (wire type 5), as protobuf stores it: little-endian IEEE 754.
    pub(crate) fn as_f32(&self) -> Option<f32> {
        match self {
            WireValue::Fixed32(b) => Some(f32::from_le_bytes(*b)),
            _ => None,
        }
    }

    pub(crate) fn as_varint(&self) -> Option<u64> {
        match self {
            WireValue::Varint(v) => Some(*v),
            _ => None,
        }
    }

    pub(crate) fn as_bytes(&self) -> Option<&'a [u8]> {
        match self {
            WireValue::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// Reads a base-128 varint at `*pos`, advancing `*pos` past it. `None` when the data ends inside
/// it or it runs past the ten bytes a 64-bit value can need.
pub(crate) fn read_varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *data.get(*pos)?;
        *pos += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Iterates over the `(field number, value)` pairs of one message. A malformed message yields one
/// `Err` with what went wrong and then stops.
pub(crate) struct Fields<'a> {
    data: &'a [u8],
    pos: usize,
    failed: bool,
}

pub(crate) fn fields(data: &[u8]) -> Fields<'_> {
    Fields {
        data,
        pos: 0,
        failed: false,
    }
}

impl<'a> Fields<'a> {
    fn next_field(&mut self) -> Result<(u32, WireValue<'a>), String> {
        let at = self.pos;
        let tag = read_varint(self.data, &mut self.pos)
            .ok_or_else(|| format!("truncated field tag at byte {at}"))?;
        let field =
            u32::try_from(tag >> 3).map_err(|_| format!("field number too large at byte {at}"))?;
        let value = match tag & 7 {
            0 => WireValue::Varint(
                read_varint(self.data, &mut self.pos)
                    .ok_or_else(|| format!("truncated varint in field {field}"))?,
            ),
            1 => WireValue::Fixed64(self.take::<8>(field)?),
            2 => {
                let len = read_varint(self.data, &mut self.pos)
                    .ok_or_else(|| format!("truncated length of field {field}"))?;
                let end = usize::try_from(len)
                    .ok()
                    .and_then(|len| self.pos.checked_add(len))
                    .filter(|&end| end <= self.data.len())
                    .ok_or_else(|| {
                        format!("field {field} at byte {at} runs past the end of its message")
                    })?;
                let bytes = &self.data[self.pos..end];
                self.pos = end;
                WireValue::Bytes(bytes)
            }
            5 => WireValue::Fixed32(self.take::<4>(field)?),
            wire => {
                return Err(format!(
                    "unsupported wire type {wire} for field {field} at byte {at}"
                ))
            }
        };
        Ok((field, value))
    }

    fn take<const N: usize>(&mut self, field: u32) -> Result<[u8; N], String> {
        let bytes = self
            .data
            .get(self.pos..self.pos + N)
            .ok_or_else(|| format!("truncated fixed-width field {field}"))?;
        self.pos += N;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u32, WireValue<'a>), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.data.len() {
            return None;
        }
        let item = self.next_field();
        self.failed = item.is_err();
        Some(item)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Test helper: appends `value` as a varint.
    pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
        while value >= 0x80 {
            out.push((value as u8) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
    }

    /// Test helper: appends a length-delimited field.
    pub(crate) fn put_bytes(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
        put_varint(out, (u64::from(field) << 3) | 2);
        put_varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }

    /// Test helper: appends a `float` field.
    pub(crate) fn put_f32(out: &mut Vec<u8>, field: u32, value: f32) {
        put_varint(out, (u64::from(field) << 3) | 5);
        out.extend_from_slice(&value.to_le_bytes());
    }

    /// Test helper: appends a varint field.
    pub(crate) fn put_varint_field(out: &mut Vec<u8>, field: u32, value: u64) {
        put_varint(out, u64::from(field) << 3);
        put_varint(out, value);
    }

    #[test]
    fn varints_round_trip_and_stop_at_their_end() {
        for value in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ] {
            let mut buf = Vec::new();
            put_varint(&mut buf, value);
            buf.push(0xAA); // a following byte that must not be consumed
            let mut pos = 0;
            assert_eq!(read_varint(&buf, &mut pos), Some(value));
            assert_eq!(pos, buf.len() - 1);
        }
        // 300 is the protobuf documentation's example: 0xAC 0x02.
        assert_eq!(read_varint(&[0xAC, 0x02], &mut 0), Some(300));
    }

    #[test]
    fn truncated_or_overlong_varints_are_none() {
        assert_eq!(read_varint(&[], &mut 0), None);
        assert_eq!(read_varint(&[0x80, 0x80], &mut 0), None);
        assert_eq!(read_varint(&[0xFF; 11], &mut 0), None);
    }

    #[test]
    fn reads_every_supported_wire_type_including_multi_byte_tags() {
        let mut msg = Vec::new();
        put_bytes(&mut msg, 1, b"piece");
        put_f32(&mut msg, 2, -1.5);
        put_varint_field(&mut msg, 3, 4);
        put_varint(&mut msg, (40 << 3) | 1); // field 40: a two-byte tag
        msg.extend_from_slice(&7u64.to_le_bytes());
        put_bytes(&mut msg, 200, b""); // empty payload, two-byte tag
        let got: Vec<_> = fields(&msg).collect::<Result<_, _>>().unwrap();
        assert_eq!(
            got,
            vec![
                (1, WireValue::Bytes(b"piece")),
                (2, WireValue::Fixed32((-1.5f32).to_le_bytes())),
                (3, WireValue::Varint(4)),
                (40, WireValue::Fixed64(7u64.to_le_bytes())),
                (200, WireValue::Bytes(b"")),
            ]
        );
        assert_eq!(got[1].1.as_f32(), Some(-1.5));
        assert_eq!(got[2].1.as_varint(), Some(4));
        assert_eq!(got[0].1.as_bytes(), Some(&b"piece"[..]));
        assert_eq!(got[0].1.as_f32(), None);
    }

    #[test]
    fn malformed_messages_give_one_error_then_stop() {
        // A length that runs past the end.
        let mut msg = Vec::new();
        put_varint(&mut msg, (1 << 3) | 2);
        put_varint(&mut msg, 10);
        msg.extend_from_slice(b"abc");
        let got: Vec<_> = fields(&msg).collect();
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().contains("runs past the end"));

        // A group (wire type 3).
        let got: Vec<_> = fields(&[(5 << 3) | 3]).collect();
        assert!(got[0].as_ref().unwrap_err().contains("wire type 3"));

        // A truncated fixed32.
        let got: Vec<_> = fields(&[(2 << 3) | 5, 0, 0]).collect();
        assert!(got[0].is_err());
    }
}
