//! A small pull parser over quick-xml: children of an element, text of a leaf, skipping what
//! the model does not hold. Every element remembers its byte offset so that errors can name a
//! line and column.

use std::borrow::Cow;
use std::cell::OnceCell;

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, BytesText, Event};

use crate::position::Lines;
use crate::{Error, Position};

/// An element whose start tag has just been read.
#[derive(Debug)]
pub(crate) struct Element<'a> {
    /// The start tag (name and attributes).
    pub start: BytesStart<'a>,
    /// Byte offset of its `<`.
    pub offset: usize,
    /// Where the local name starts in the qualified name: found once, as readers ask for the
    /// name of an element several times.
    local: usize,
}

impl<'a> Element<'a> {
    fn new(start: BytesStart<'a>, offset: usize) -> Element<'a> {
        let local = memchr::memchr(b':', start.name().into_inner()).map_or(0, |colon| colon + 1);
        Element {
            start,
            offset,
            local,
        }
    }

    /// The local name (the part after any prefix).
    pub fn name(&self) -> &[u8] {
        &self.start.name().into_inner()[self.local..]
    }
}

/// The reader: a quick-xml reader over the whole message text.
pub(crate) struct Pull<'a> {
    reader: Reader<&'a [u8]>,
    input: &'a [u8],
    /// Built on the first position asked for.
    lines: OnceCell<Lines>,
}

impl<'a> Pull<'a> {
    /// A reader over `input`, which must be UTF-8 (ERN messages are).
    pub fn new(input: &'a [u8]) -> Pull<'a> {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        // `<A/>` becomes a start and an end, so one code path reads both.
        config.expand_empty_elements = true;
        config.check_end_names = true;
        // Between elements only whitespace may stand: skipped inside the tokenizer rather than
        // returned as events (a third of all events in an indented message). `text` turns this
        // off while it reads a leaf, whose spaces are content.
        config.trim_text_start = true;
        Pull {
            reader,
            input,
            lines: OnceCell::new(),
        }
    }

    /// The line and column of a byte offset.
    pub fn position_of(&self, offset: usize) -> Position {
        self.lines
            .get_or_init(|| Lines::new(self.input))
            .position(self.input, offset)
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn syntax(&self, error: &quick_xml::Error) -> Error {
        let offset = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        Error::Syntax {
            position: self.position_of(offset),
            message: error.to_string(),
        }
    }

    fn syntax_at(&self, offset: usize, message: String) -> Error {
        Error::Syntax {
            position: self.position_of(offset),
            message,
        }
    }

    /// The offset of the `<` that starts the markup read from `offset` (the reader's position
    /// before an event may sit on whitespace before it).
    fn markup_start(&self, offset: usize) -> usize {
        self.input
            .get(offset..)
            .and_then(|rest| memchr::memchr(b'<', rest))
            .map_or(offset, |at| offset + at)
    }

    fn event(&mut self) -> Result<(Event<'a>, usize), Error> {
        let offset = self.offset();
        match self.reader.read_event() {
            // Refused wherever it appears (the reader's other loops would skip it): no DTD is
            // read, no entity declared or expanded.
            Ok(Event::DocType(_)) => Err(Error::Doctype {
                position: self.position_of(self.markup_start(offset)),
            }),
            Ok(event) => Ok((event, offset)),
            Err(error) => Err(self.syntax(&error)),
        }
    }

    /// The element whose start tag was just read, with the offset of its `<`: the tag is all
    /// of the input between `<` and the `>` just consumed (less the `/` of an empty element),
    /// so the offset needs no scan over the white space the tokenizer skipped before it.
    fn started(&self, start: BytesStart<'a>) -> Element<'a> {
        let close = self.offset().saturating_sub(1);
        let slash = usize::from(close > 0 && self.input.get(close - 1) == Some(&b'/'));
        let offset = close.saturating_sub(slash + start.len() + 1);
        Element::new(start, offset)
    }

    /// Where content found after `offset` starts, past the white space the tokenizer skipped.
    fn past_whitespace(&self, offset: usize) -> usize {
        let rest = self.input.get(offset..).unwrap_or_default();
        offset
            + rest
                .iter()
                .take_while(|&&byte| is_xml_whitespace(byte))
                .count()
    }

    /// The root element, after the XML declaration, comments and whitespace.
    pub fn root(&mut self) -> Result<Element<'a>, Error> {
        loop {
            match self.event()? {
                (Event::Start(start), _) => return Ok(self.started(start)),
                (Event::Eof, offset) => {
                    return Err(
                        self.syntax_at(self.past_whitespace(offset), "no root element".to_owned())
                    );
                }
                (Event::Text(text), offset) if !is_blank(&text) => {
                    return Err(self.syntax_at(
                        self.past_whitespace(offset),
                        "text before the root element".to_owned(),
                    ));
                }
                (Event::End(_) | Event::CData(_) | Event::GeneralRef(_), offset) => {
                    return Err(self.syntax_at(
                        self.past_whitespace(offset),
                        "content before the root element".to_owned(),
                    ));
                }
                _ => {}
            }
        }
    }

    /// After the root's end tag: only comments, processing instructions and whitespace.
    pub fn finish(&mut self) -> Result<(), Error> {
        loop {
            match self.event()? {
                (Event::Eof, _) => return Ok(()),
                (Event::Text(text), _) if is_blank(&text) => {}
                (Event::Comment(_) | Event::PI(_), _) => {}
                (_, offset) => {
                    return Err(self.syntax_at(
                        self.past_whitespace(offset),
                        "content after the root element".to_owned(),
                    ));
                }
            }
        }
    }

    /// The next child element of `parent`, or `None` once `parent`'s end tag is consumed.
    pub fn child(&mut self, parent: &Element<'a>) -> Result<Option<Element<'a>>, Error> {
        loop {
            match self.event()? {
                (Event::Start(start), _) => return Ok(Some(self.started(start))),
                (Event::End(_), _) => return Ok(None),
                (Event::Text(text), _) if is_blank(&text) => {}
                (Event::Comment(_) | Event::PI(_), _) => {}
                (Event::Eof, offset) => return Err(self.unclosed(parent, offset)),
                (_, offset) => {
                    return Err(self.syntax_at(
                        self.past_whitespace(offset),
                        format!(
                            "unexpected text in {}: expected only elements",
                            String::from_utf8_lossy(parent.name())
                        ),
                    ));
                }
            }
        }
    }

    /// The next start tag anywhere inside `element`, or `None` once `element`'s end tag is
    /// consumed. `depth` counts the open descendants (start it at 0); a caller that reads a
    /// returned element's text (consuming its end tag) takes one off.
    pub fn descendant(
        &mut self,
        element: &Element<'a>,
        depth: &mut usize,
    ) -> Result<Option<Element<'a>>, Error> {
        loop {
            match self.event()? {
                (Event::Start(start), _) => {
                    *depth += 1;
                    return Ok(Some(self.started(start)));
                }
                (Event::End(_), _) => {
                    if *depth == 0 {
                        return Ok(None);
                    }
                    *depth -= 1;
                }
                (Event::Eof, offset) => return Err(self.unclosed(element, offset)),
                _ => {}
            }
        }
    }

    fn unclosed(&self, element: &Element<'_>, offset: usize) -> Error {
        self.syntax_at(
            self.past_whitespace(offset),
            format!(
                "unexpected end of input: {} (opened at {}) is not closed",
                String::from_utf8_lossy(element.name()),
                self.position_of(element.offset)
            ),
        )
    }

    /// The text content of a leaf element, entities resolved; consumes its end tag.
    pub fn text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, Error> {
        self.reader.config_mut().trim_text_start = false;
        let text = self.leaf_text(element);
        self.reader.config_mut().trim_text_start = true;
        text
    }

    /// [`Pull::text`] with the text read as it stands.
    fn leaf_text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, Error> {
        let mut collected: Option<Cow<'a, str>> = None;
        loop {
            let (event, offset) = self.event()?;
            let piece: Cow<'a, str> = match event {
                Event::End(_) => return Ok(collected.unwrap_or(Cow::Borrowed(""))),
                Event::Text(text) => self.text_content(text, offset)?,
                Event::CData(data) => data
                    .xml10_content()
                    .map_err(|e| self.syntax_at(offset, format!("invalid cdata: {}", e)))?,
                Event::GeneralRef(reference) => {
                    let name = reference
                        .decode()
                        .map_err(|e| self.syntax_at(offset, e.to_string()))?;
                    match reference.resolve_char_ref() {
                        Ok(Some(ch)) => Cow::Owned(ch.to_string()),
                        Ok(None) => match resolve_xml_entity(&name) {
                            Some(text) => Cow::Borrowed(text),
                            None => {
                                return Err(
                                    self.syntax_at(offset, format!("unknown entity &{name};"))
                                );
                            }
                        },
                        Err(error) => {
                            return Err(self.syntax_at(
                                offset,
                                format!("invalid character reference &{name};: {}", error),
                            ));
                        }
                    }
                }
                Event::Start(child) => {
                    return Err(self.syntax_at(
                        offset,
                        format!(
                            "unexpected element {} inside {}: expected text",
                            String::from_utf8_lossy(child.local_name().into_inner()),
                            String::from_utf8_lossy(element.name())
                        ),
                    ));
                }
                Event::Eof => return Err(self.unclosed(element, offset)),
                _ => continue,
            };
            collected = Some(match collected {
                None => piece,
                Some(before) => Cow::Owned(before.into_owned() + &piece),
            });
        }
    }

    /// A text event's content. Without a carriage return there is no line end to normalise
    /// and the text is the input itself, checked as UTF-8 (the common case, without copying).
    fn text_content(&self, text: BytesText<'a>, offset: usize) -> Result<Cow<'a, str>, Error> {
        let invalid = |error: &dyn core::fmt::Display| {
            self.syntax_at(offset, format!("invalid text: {error}"))
        };
        if text.contains(&b'\r') {
            return text.xml10_content().map_err(|e| invalid(&e));
        }
        match text.into_inner() {
            Cow::Borrowed(bytes) => core::str::from_utf8(bytes)
                .map(Cow::Borrowed)
                .map_err(|e| invalid(&e)),
            Cow::Owned(bytes) => String::from_utf8(bytes)
                .map(Cow::Owned)
                .map_err(|e| invalid(&e)),
        }
    }

    /// The text of `element`'s first child named `name`; every other child is skipped.
    pub fn child_text(
        &mut self,
        element: &Element<'a>,
        name: &[u8],
    ) -> Result<Option<Cow<'a, str>>, Error> {
        let mut found = None;
        while let Some(child) = self.child(element)? {
            if child.name() == name && found.is_none() {
                found = Some(self.text(&child)?);
            } else {
                self.skip(&child)?;
            }
        }
        Ok(found)
    }

    /// Skips `element` with everything inside it.
    pub fn skip(&mut self, element: &Element<'a>) -> Result<(), Error> {
        let offset = self.offset();
        self.reader
            .read_to_end(element.start.name())
            .map(|_| ())
            .map_err(|error| match error {
                quick_xml::Error::Syntax(_) | quick_xml::Error::IllFormed(_)
                    if self.offset() >= self.input.len() =>
                {
                    self.unclosed(element, offset.max(self.input.len()))
                }
                other => self.syntax(&other),
            })
    }

    /// Whether an attribute is present with the value `expected`; compares the raw bytes
    /// (no allocation) unless the value holds an entity.
    pub fn attribute_is(
        &self,
        element: &Element<'a>,
        name: &str,
        expected: &str,
    ) -> Result<bool, Error> {
        self.attribute_is_any(element, name, &[expected])
    }

    /// Whether an attribute is present with one of the values `expected`.
    pub fn attribute_is_any(
        &self,
        element: &Element<'a>,
        name: &str,
        expected: &[&str],
    ) -> Result<bool, Error> {
        Ok(self.attribute_which(element, name, expected)?.is_some())
    }

    /// Which of the values `expected` an attribute has, the attribute looked up once; `None`
    /// when it is absent or has another value. Compares the raw bytes (no allocation) unless
    /// the value holds an entity.
    pub fn attribute_which(
        &self,
        element: &Element<'a>,
        name: &str,
        expected: &[&str],
    ) -> Result<Option<usize>, Error> {
        match element.start.try_get_attribute(name) {
            Ok(None) => Ok(None),
            Ok(Some(attribute)) if !attribute.value.contains(&b'&') => Ok(expected
                .iter()
                .position(|value| *attribute.value == *value.as_bytes())),
            Ok(Some(_)) => {
                let value = self.attribute(element, name)?;
                Ok(expected.iter().position(|e| value.as_deref() == Some(*e)))
            }
            Err(error) => {
                Err(self.syntax_at(element.offset, format!("invalid attributes: {error}")))
            }
        }
    }

    /// An attribute's value read as a number (surrounding spaces allowed); `None` when it is
    /// absent or no number.
    pub fn attribute_number(
        &self,
        element: &Element<'a>,
        name: &str,
    ) -> Result<Option<u64>, Error> {
        match element.start.try_get_attribute(name) {
            Ok(None) => Ok(None),
            Ok(Some(attribute)) if !attribute.value.contains(&b'&') => {
                Ok(core::str::from_utf8(&attribute.value)
                    .ok()
                    .and_then(|text| text.trim().parse().ok()))
            }
            Ok(Some(_)) => Ok(self
                .attribute(element, name)?
                .and_then(|text| text.trim().parse().ok())),
            Err(error) => {
                Err(self.syntax_at(element.offset, format!("invalid attributes: {error}")))
            }
        }
    }

    /// An attribute's value, entities resolved; `None` when absent.
    pub fn attribute(
        &self,
        element: &Element<'a>,
        name: &str,
    ) -> Result<Option<Cow<'a, str>>, Error> {
        match element.start.try_get_attribute(name) {
            Ok(None) => Ok(None),
            Ok(Some(attribute)) => attribute
                .unescape_value()
                .map(|value| Some(Cow::Owned(value.into_owned())))
                .map_err(|error| {
                    self.syntax_at(
                        element.offset,
                        format!("invalid attribute {name}: {}", error),
                    )
                }),
            Err(error) => {
                Err(self.syntax_at(element.offset, format!("invalid attributes: {}", error)))
            }
        }
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|&byte| is_xml_whitespace(byte))
}

/// XML's white space (XML 1.0, production 3 `S`), as the tokenizer trims it.
fn is_xml_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

#[cfg(test)]
mod tests {
    use super::Pull;

    /// The offset of every element is its `<`, whatever white space the tokenizer skipped
    /// before it and however its tag ends.
    #[test]
    fn elements_start_at_their_angle_bracket() {
        let input = "<r:a xmlns:r=\"x\">\n   <b k=\"/\"/>\t<c />\r\n<d k='1'>t</d><e/></r:a>  ";
        let mut pull = Pull::new(input.as_bytes());
        let root = pull.root().unwrap();
        assert_eq!((root.name(), root.offset), (&b"a"[..], 0));
        let mut seen = Vec::new();
        while let Some(child) = pull.child(&root).unwrap() {
            let expected = input.find(&format!("<{}", char::from(child.name()[0])));
            assert_eq!(Some(child.offset), expected);
            seen.push(child.name().to_vec());
            if child.name() == b"d" {
                assert_eq!(pull.text(&child).unwrap(), "t");
            } else {
                pull.skip(&child).unwrap();
            }
        }
        assert_eq!(seen, [b"b", b"c", b"d", b"e"]);
        pull.finish().unwrap();
    }

    /// Spaces inside a leaf are content, even though spaces between elements are skipped.
    #[test]
    fn leaf_text_keeps_its_spaces() {
        let input = "<a>\n <b>  two &amp; three  </b>\n</a>";
        let mut pull = Pull::new(input.as_bytes());
        let root = pull.root().unwrap();
        let child = pull.child(&root).unwrap().unwrap();
        assert_eq!(pull.text(&child).unwrap(), "  two & three  ");
        assert!(pull.child(&root).unwrap().is_none());
    }
}
