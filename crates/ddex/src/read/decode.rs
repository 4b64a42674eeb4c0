//! The message text as UTF-8: a UTF-8 byte order mark dropped, UTF-16 with a byte order mark
//! decoded (real deliveries come so), and the XML declaration's encoding then ignored.

use std::borrow::Cow;

use crate::{Error, Position};

pub(super) struct Decoded<'a> {
    pub(super) text: Cow<'a, [u8]>,
    pub(super) utf16: bool,
}

pub(super) fn decode(input: &[u8]) -> Result<Decoded<'_>, Error> {
    let (big_endian, body) = match input {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            return Ok(Decoded {
                text: Cow::Borrowed(rest),
                utf16: false,
            });
        }
        [0xFE, 0xFF, rest @ ..] => (true, rest),
        [0xFF, 0xFE, rest @ ..] => (false, rest),
        _ => {
            return Ok(Decoded {
                text: Cow::Borrowed(input),
                utf16: false,
            });
        }
    };
    let units = body.chunks(2).map(|pair| match *pair {
        [a, b] if big_endian => u16::from_be_bytes([a, b]),
        [a, b] => u16::from_le_bytes([a, b]),
        // An odd byte at the end: a unit no decoder accepts, reported below.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(body.len() / 2 + body.len() / 8);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => {
                // The position of the bad unit in the text decoded so far.
                let position = Position::of_offset(text.as_bytes(), text.len());
                return Err(Error::Syntax {
                    position,
                    message: "invalid utf-16: an unpaired surrogate or a truncated unit".to_owned(),
                });
            }
        }
    }
    Ok(Decoded {
        text: Cow::Owned(text.into_bytes()),
        utf16: true,
    })
}
