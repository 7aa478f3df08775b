//! A compact binary form of any serde value, for [`StateCodec::serde`]:
//! fields in order, no names, integers wider than a byte as LEB128
//! varints (a model's counters and sequence numbers are small), lengths
//! and enum variants as varints. Not self-describing: it reads back only
//! as the type that wrote it, which is all the BFS frontier needs.
//!
//! Hand-written rather than a format crate: serde's derived code is
//! inlined straight into these few byte pushes, which made encoding a
//! state about as cheap as hashing it (a general-purpose crate cost the
//! checker a third of its speed).

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

use super::StateCodec;

impl<S: Serialize + de::DeserializeOwned> StateCodec<S> {
    /// The codec of a serde type: this module's compact form.
    pub fn serde() -> Self {
        StateCodec {
            encode: |state, out| encode(state, out),
            decode: |bytes| decode(bytes).expect("bytes the checker encoded itself"),
        }
    }
}

/// Appends the compact form of `value` to `out`.
pub fn encode<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    let mut writer = Writer {
        buf: [0; BUF],
        len: 0,
        out,
    };
    value
        .serialize(&mut writer)
        .expect("every serde value encodes");
    writer.flush();
}

/// The value whose compact form is exactly `bytes`.
pub fn decode<T: de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut reader = Reader { bytes };
    let value = T::deserialize(&mut reader)?;
    if reader.bytes.is_empty() {
        Ok(value)
    } else {
        Err(Error("bytes left over".into()))
    }
}

/// Why bytes did not decode.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Bytes gathered on the stack before they go to the output vector: one
/// bounds check per value rather than a vector's length and capacity
/// updates per byte.
const BUF: usize = 256;
/// The most bytes one value writes without a flush (a 64-bit varint).
const MAX_PUT: usize = 10;

struct Writer<'a> {
    buf: [u8; BUF],
    len: usize,
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    #[cold]
    fn flush(&mut self) {
        self.out.extend_from_slice(&self.buf[..self.len]);
        self.len = 0;
    }
    #[inline(always)]
    fn room(&mut self) {
        if self.len > BUF - MAX_PUT {
            self.flush();
        }
    }
    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.room();
        self.buf[self.len] = b;
        self.len += 1;
    }
    #[inline(always)]
    fn varint(&mut self, mut n: u64) {
        self.room();
        while n >= 0x80 {
            self.buf[self.len] = n as u8 | 0x80;
            self.len += 1;
            n >>= 7;
        }
        self.buf[self.len] = n as u8;
        self.len += 1;
    }
    fn slice(&mut self, bytes: &[u8]) {
        self.flush();
        self.out.extend_from_slice(bytes);
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

impl<'a> ser::Serializer for &mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    #[inline(always)]
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.byte(v as u8);
        Ok(())
    }
    #[inline(always)]
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.byte(v as u8);
        Ok(())
    }
    #[inline(always)]
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.varint(zigzag(v.into()));
        Ok(())
    }
    #[inline(always)]
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.varint(zigzag(v.into()));
        Ok(())
    }
    #[inline(always)]
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.varint(zigzag(v));
        Ok(())
    }
    #[inline(always)]
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.byte(v);
        Ok(())
    }
    #[inline(always)]
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.varint(v.into());
        Ok(())
    }
    #[inline(always)]
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.varint(v.into());
        Ok(())
    }
    #[inline(always)]
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.varint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.varint(u64::from(v));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.serialize_bytes(v.as_bytes())
    }
    #[inline(always)]
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.varint(v.len() as u64);
        self.slice(v);
        Ok(())
    }
    #[inline(always)]
    fn serialize_none(self) -> Result<(), Error> {
        self.byte(0);
        Ok(())
    }
    #[inline(always)]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.byte(1);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Error> {
        self.varint(index.into());
        Ok(())
    }
    #[inline(always)]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    #[inline(always)]
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.varint(index.into());
        value.serialize(self)
    }
    #[inline(always)]
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        let len = len.ok_or_else(|| Error("a sequence of unknown length".into()))?;
        self.varint(len as u64);
        Ok(self)
    }
    #[inline(always)]
    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    #[inline(always)]
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    #[inline(always)]
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.varint(index.into());
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Error> {
        let len = len.ok_or_else(|| Error("a map of unknown length".into()))?;
        self.varint(len as u64);
        Ok(self)
    }
    #[inline(always)]
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    #[inline(always)]
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.varint(index.into());
        Ok(self)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

macro_rules! compound {
    ($trait:ident, $method:ident $(, $key:ident)?) => {
        impl ser::$trait for &mut Writer<'_> {
            type Ok = ();
            type Error = Error;
            #[inline(always)]
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)? value: &T) -> Result<(), Error> {
                $(let _ = $key;)?
                value.serialize(&mut **self)
            }
            #[inline(always)]
            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        }
    };
}
compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);
compound!(SerializeStruct, serialize_field, key);
compound!(SerializeStructVariant, serialize_field, key);

impl ser::SerializeMap for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

struct Reader<'de> {
    bytes: &'de [u8],
}

impl<'de> Reader<'de> {
    #[inline(always)]
    fn byte(&mut self) -> Result<u8, Error> {
        let (&b, rest) = self
            .bytes
            .split_first()
            .ok_or_else(|| Error("bytes end too soon".into()))?;
        self.bytes = rest;
        Ok(b)
    }
    #[inline(always)]
    fn varint(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return Err(Error("varint too long".into()));
            }
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
            shift += 7;
        }
    }
    fn take(&mut self, len: usize) -> Result<&'de [u8], Error> {
        if self.bytes.len() < len {
            return Err(Error("bytes end too soon".into()));
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }
    fn len(&mut self) -> Result<usize, Error> {
        usize::try_from(self.varint()?).map_err(|_| Error("length too large".into()))
    }
}

fn narrow<T: TryFrom<u64>>(n: u64) -> Result<T, Error> {
    T::try_from(n).map_err(|_| Error("integer out of range".into()))
}

fn unzigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}

/// `n` elements read one after the other.
struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;
    #[inline(always)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Elements<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Error;
    type Variant = Self;
    #[inline(always)]
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let index: u32 = narrow(self.varint()?)?;
        let value = seed.deserialize(index.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Elements {
            reader: self,
            left: len,
        })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_seq(Elements {
            reader: self,
            left: fields.len(),
        })
    }
}

macro_rules! unsigned {
    ($method:ident, $visit:ident, $ty:ty) => {
        #[inline(always)]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n: $ty = narrow(self.varint()?)?;
            visitor.$visit(n)
        }
    };
}
macro_rules! signed {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = unzigzag(self.varint()?);
            visitor.$visit(<$ty>::try_from(n).map_err(|_| Error("integer out of range".into()))?)
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(Error("the compact form is not self-describing".into()))
    }
    #[inline(always)]
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            0 => visitor.visit_bool(false),
            1 => visitor.visit_bool(true),
            _ => Err(Error("a bool is 0 or 1".into())),
        }
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i8(self.byte()? as i8)
    }
    signed!(deserialize_i16, visit_i16, i16);
    signed!(deserialize_i32, visit_i32, i32);
    signed!(deserialize_i64, visit_i64, i64);
    #[inline(always)]
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u8(self.byte()?)
    }
    unsigned!(deserialize_u16, visit_u16, u16);
    unsigned!(deserialize_u32, visit_u32, u32);
    unsigned!(deserialize_u64, visit_u64, u64);
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let b = self.take(4)?;
        visitor.visit_f32(f32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let b = self.take(8)?;
        visitor.visit_f64(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n: u32 = narrow(self.varint()?)?;
        visitor.visit_char(char::from_u32(n).ok_or_else(|| Error("not a char".into()))?)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let len = self.len()?;
        let bytes = self.take(len)?;
        visitor
            .visit_borrowed_str(std::str::from_utf8(bytes).map_err(|_| Error("not UTF-8".into()))?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let len = self.len()?;
        visitor.visit_borrowed_bytes(self.take(len)?)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }
    #[inline(always)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            0 => visitor.visit_none(),
            1 => visitor.visit_some(self),
            _ => Err(Error("an option's tag is 0 or 1".into())),
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
    #[inline(always)]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }
    #[inline(always)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let left = self.len()?;
        visitor.visit_seq(Elements { reader: self, left })
    }
    #[inline(always)]
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Elements {
            reader: self,
            left: len,
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_seq(Elements {
            reader: self,
            left: len,
        })
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let left = self.len()?;
        visitor.visit_map(Elements { reader: self, left })
    }
    #[inline(always)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_seq(Elements {
            reader: self,
            left: fields.len(),
        })
    }
    #[inline(always)]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n: u32 = narrow(self.varint()?)?;
        visitor.visit_u32(n)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(Error("the compact form is not self-describing".into()))
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Line(u32),
        Pair(i16, i64),
        Named { a: Option<u8>, b: Vec<u16> },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Thing {
        flag: bool,
        small: u8,
        seq: u32,
        big: u64,
        signed: i32,
        shapes: Vec<Shape>,
        pair: (u16, char),
        text: String,
        unit: (),
        float: f64,
    }

    #[test]
    fn values_come_back_equal_and_small() {
        let thing = Thing {
            flag: true,
            small: 200,
            seq: 100,
            big: u64::MAX,
            signed: -3,
            shapes: vec![
                Shape::Dot,
                Shape::Line(300),
                Shape::Pair(-1, i64::MIN),
                Shape::Named {
                    a: Some(7),
                    b: vec![1, 65535],
                },
                Shape::Named { a: None, b: vec![] },
            ],
            pair: (5, 'é'),
            text: "syn".into(),
            unit: (),
            float: 0.5,
        };
        let mut bytes = Vec::new();
        encode(&thing, &mut bytes);
        let back: Thing = decode(&bytes).expect("decodes");
        assert_eq!(back, thing);
        // A small sequence number takes two bytes, not four.
        let mut seq = Vec::new();
        encode(&100u32, &mut seq);
        assert_eq!(seq, [100]);
        encode(&300u32, &mut seq);
        assert_eq!(seq, [100, 0xac, 0x02]);
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        let mut bytes = Vec::new();
        encode(&(7u8, 300u32), &mut bytes);
        assert!(decode::<(u8, u32)>(&bytes[..2]).is_err(), "too short");
        bytes.push(0);
        assert!(decode::<(u8, u32)>(&bytes).is_err(), "too long");
        assert!(decode::<bool>(&[2]).is_err());
        assert!(decode::<u8>(&[0xff; 12]).is_err(), "bytes left over");
        assert!(decode::<u64>(&[0xff; 12]).is_err(), "varint too long");
    }
}
