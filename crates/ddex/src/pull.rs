//! A small pull parser over quick-xml: children of an element, text of a leaf, skipping what
//! the model does not hold. Every element remembers its byte offset so that errors can name a
//! line and column.

use std::borrow::Cow;
use std::cell::OnceCell;

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};

use crate::position::Lines;
use crate::{Error, Position};

/// An element whose start tag has just been read.
#[derive(Debug)]
pub(crate) struct Element<'a> {
    /// The start tag (name and attributes).
    pub start: BytesStart<'a>,
    /// Byte offset of its `<`.
    pub offset: usize,
}

impl Element<'_> {
    /// The local name (the part after any prefix).
    pub fn name(&self) -> &[u8] {
        self.start.local_name().into_inner()
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

    /// The root element, after the XML declaration, comments and whitespace.
    pub fn root(&mut self) -> Result<Element<'a>, Error> {
        loop {
            match self.event()? {
                (Event::Start(start), offset) => return Ok(Element { start, offset }),
                (Event::Eof, offset) => {
                    return Err(self.syntax_at(offset, "no root element".to_owned()));
                }
                (Event::Text(text), offset) if !is_blank(&text) => {
                    return Err(self.syntax_at(offset, "text before the root element".to_owned()));
                }
                (Event::End(_) | Event::CData(_) | Event::GeneralRef(_), offset) => {
                    return Err(
                        self.syntax_at(offset, "content before the root element".to_owned())
                    );
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
                    return Err(self.syntax_at(offset, "content after the root element".to_owned()));
                }
            }
        }
    }

    /// The next child element of `parent`, or `None` once `parent`'s end tag is consumed.
    pub fn child(&mut self, parent: &Element<'a>) -> Result<Option<Element<'a>>, Error> {
        loop {
            match self.event()? {
                (Event::Start(start), offset) => return Ok(Some(Element { start, offset })),
                (Event::End(_), _) => return Ok(None),
                (Event::Text(text), _) if is_blank(&text) => {}
                (Event::Comment(_) | Event::PI(_), _) => {}
                (Event::Eof, offset) => return Err(self.unclosed(parent, offset)),
                (_, offset) => {
                    return Err(self.syntax_at(
                        offset,
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
                (Event::Start(start), offset) => {
                    *depth += 1;
                    return Ok(Some(Element { start, offset }));
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
            offset,
            format!(
                "unexpected end of input: {} (opened at {}) is not closed",
                String::from_utf8_lossy(element.name()),
                self.position_of(element.offset)
            ),
        )
    }

    /// The text content of a leaf element, entities resolved; consumes its end tag.
    pub fn text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, Error> {
        let mut collected: Option<Cow<'a, str>> = None;
        loop {
            let (event, offset) = self.event()?;
            let piece: Cow<'a, str> = match event {
                Event::End(_) => return Ok(collected.unwrap_or(Cow::Borrowed(""))),
                Event::Text(text) => text
                    .xml10_content()
                    .map_err(|e| self.syntax_at(offset, format!("invalid text: {}", e)))?,
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
        match element.start.try_get_attribute(name) {
            Ok(None) => Ok(false),
            Ok(Some(attribute)) if !attribute.value.contains(&b'&') => {
                Ok(*attribute.value == *expected.as_bytes())
            }
            Ok(Some(_)) => Ok(self.attribute(element, name)?.as_deref() == Some(expected)),
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
    bytes.iter().all(u8::is_ascii_whitespace)
}
