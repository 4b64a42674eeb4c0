//! A guarded first read of every XML file of a batch, before `ddex::read` sees it: a DOCTYPE
//! (and with it every entity declaration) is refused, an undeclared entity is refused, nesting
//! and size are bounded. What passes is kept as a small tree, from which the manifest's entries
//! and the messages' file references are taken.

use std::fs;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;

use super::Refusal;

/// Larger than any release message or manifest (DDEX's largest samples are a few MB).
pub(crate) const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Deeper than any ERN or manifest element (ERN 4.3 nests about 12 deep).
pub(crate) const MAX_DEPTH: usize = 64;

/// An element: its local name, its text (the concatenation of its text nodes) and children.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }

    /// The trimmed text of the first child named `name`.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|child| child.text.trim())
    }

    /// Every descendant named `name`, in document order (not below a match).
    pub fn descendants<'a>(&'a self, name: &str, found: &mut Vec<&'a Node>) {
        for child in &self.children {
            if child.name == name {
                found.push(child);
            } else {
                child.descendants(name, found);
            }
        }
    }
}

/// Reads and checks `path`; the root element and the bytes read.
pub(crate) fn scan(path: &Path) -> Result<(Node, Vec<u8>), super::Error> {
    let size = fs::symlink_metadata(path)?.len();
    if size > MAX_XML_BYTES {
        return Err(Refusal::TooLarge {
            file: path.to_path_buf(),
            what: "size in bytes",
            found: size,
            limit: MAX_XML_BYTES,
        }
        .into());
    }
    let bytes = fs::read(path)?;
    let text = decode(&bytes).ok_or_else(|| Refusal::Xml {
        file: path.to_path_buf(),
        line: 1,
        message: "not UTF-8 or UTF-16 text".into(),
    })?;
    let root = tree(path, &text)?;
    Ok((root, bytes))
}

fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], big: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| {
                let pair = [pair[0], pair[1]];
                if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(node) = stack.last_mut() {
        node.text.push_str(text);
    }
}

fn tree(path: &Path, text: &str) -> Result<Node, super::Error> {
    let mut reader = Reader::from_str(text);
    let line = |offset: u64| {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len());
        1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() as u64
    };
    let refuse = |offset: u64, message: String| Refusal::Xml {
        file: path.to_path_buf(),
        line: line(offset),
        message,
    };
    let mut stack: Vec<Node> = vec![Node::default()];
    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|error| refuse(offset, error.to_string()))?;
        match event {
            Event::DocType(_) => {
                return Err(Refusal::Doctype {
                    file: path.to_path_buf(),
                    line: line(offset),
                }
                .into());
            }
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(Refusal::TooDeep {
                        file: path.to_path_buf(),
                        line: line(offset),
                        depth: stack.len(),
                        limit: MAX_DEPTH,
                    }
                    .into());
                }
                stack.push(Node {
                    name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
                    ..Node::default()
                });
            }
            Event::Empty(start) => {
                let node = Node {
                    name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
                    ..Node::default()
                };
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Err(refuse(offset, "unbalanced end tag".into()).into()),
                }
            }
            Event::Text(content) => {
                let content = content
                    .xml10_content()
                    .map_err(|error| refuse(offset, error.to_string()))?;
                push_text(&mut stack, &content);
            }
            Event::CData(data) => {
                let content = data
                    .xml10_content()
                    .map_err(|error| refuse(offset, error.to_string()))?;
                push_text(&mut stack, &content);
            }
            Event::GeneralRef(reference) => {
                let name = reference
                    .decode()
                    .map_err(|error| refuse(offset, error.to_string()))?;
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => resolve_xml_entity(&name)
                        .ok_or_else(|| {
                            refuse(
                                offset,
                                format!("the entity &{name}; is not one of XML's five: entities are never expanded"),
                            )
                        })?
                        .to_owned(),
                    Err(error) => return Err(refuse(offset, error.to_string()).into()),
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().unwrap_or_default();
    if !stack.is_empty() {
        return Err(refuse(text.len() as u64, "unexpected end of input".into()).into());
    }
    match document.children.len() {
        1 => Ok(document.children.remove(0)),
        _ => Err(refuse(0, "expected one root element".into()).into()),
    }
}

/// What a resource's technical details claim of its file (the texts as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Claims {
    /// `AudioCodecType` or `ImageCodecType` (not `UserDefined`: its name is an attribute).
    pub codec: Option<String>,
    /// `NumberOfChannels`.
    pub channels: Option<String>,
    /// `SamplingRate` (Hz, the unit's default).
    pub sample_rate: Option<String>,
    /// `BitsPerSample`.
    pub bits_per_sample: Option<String>,
    /// `Duration`, an `xs:duration`.
    pub duration: Option<String>,
    /// `ImageWidth` and `ImageHeight`.
    pub width: Option<String>,
    /// `ImageHeight`.
    pub height: Option<String>,
}

/// A `File` of a resource, as the message writes it (ERN 4: `URI`, `HashSum/Algorithm`,
/// `HashSum/HashSumValue`, `FileSize` in kilobytes; ERN 3: `FileName` and `FilePath`, or `URL`,
/// `HashSum/HashSum`, `HashSum/HashSumAlgorithmType`), and what the technical details holding
/// it claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileRef {
    /// The reference, relative to the message's folder (`FilePath` joined with `FileName`).
    pub reference: String,
    /// The algorithm and the value.
    pub hash: Option<(String, String)>,
    /// The declared size in bytes.
    pub declared_size: Option<u64>,
    /// What the technical details say of the file.
    pub claims: Claims,
}

/// A `SoundRecording` or `Image` of the message's `ResourceList`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceFiles {
    /// `SoundRecording` or `Image`.
    pub kind: String,
    /// Its `ResourceReference`.
    pub reference: String,
    /// Its ISRC, if any.
    pub isrc: Option<String>,
    /// Its files.
    pub files: Vec<FileRef>,
}

/// The file references of every resource of a message.
pub(crate) fn resource_files(root: &Node) -> Vec<ResourceFiles> {
    let mut lists = Vec::new();
    root.descendants("ResourceList", &mut lists);
    let mut resources = Vec::new();
    for list in lists {
        for resource in &list.children {
            if resource.name != "SoundRecording" && resource.name != "Image" {
                continue;
            }
            let mut isrcs = Vec::new();
            resource.descendants("ISRC", &mut isrcs);
            let mut files = Vec::new();
            files_of(resource, &mut files);
            resources.push(ResourceFiles {
                kind: resource.name.clone(),
                reference: resource
                    .child_text("ResourceReference")
                    .unwrap_or_default()
                    .to_owned(),
                isrc: isrcs.first().map(|node| node.text.trim().to_owned()),
                files,
            });
        }
    }
    resources
}

/// The `File`s below `node`, each with the claims of the element holding it (ERN 4.3's
/// `DeliveryFile` or image `TechnicalDetails`, ERN 3.8.2's `Technical…Details`).
fn files_of(node: &Node, found: &mut Vec<FileRef>) {
    if node.child("File").is_some() {
        let text = |name: &str| {
            node.child_text(name)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        let claims = Claims {
            codec: text("AudioCodecType")
                .or_else(|| text("ImageCodecType"))
                .filter(|codec| codec != "UserDefined"),
            channels: text("NumberOfChannels"),
            sample_rate: text("SamplingRate"),
            bits_per_sample: text("BitsPerSample"),
            duration: text("Duration"),
            width: text("ImageWidth"),
            height: text("ImageHeight"),
        };
        for file in node.children.iter().filter(|child| child.name == "File") {
            if let Some(file) = file_ref(file, &claims) {
                found.push(file);
            }
        }
        return;
    }
    for child in &node.children {
        files_of(child, found);
    }
}

fn file_ref(file: &Node, claims: &Claims) -> Option<FileRef> {
    let reference = match (
        file.child_text("URI").or_else(|| file.child_text("URL")),
        file.child_text("FileName"),
    ) {
        (Some(uri), _) => uri.to_owned(),
        (None, Some(name)) => match file.child_text("FilePath") {
            Some(folder) if !folder.is_empty() => {
                format!("{}/{}", folder.trim_end_matches('/'), name)
            }
            _ => name.to_owned(),
        },
        (None, None) => return None,
    };
    let hash = file.child("HashSum").and_then(hash_sum);
    // ERN's FileSize is in kilobytes, taken as 1024 bytes, the larger reading, so that no
    // honest file is refused (the unit decision: `crate::kilobytes`).
    let declared_size = file
        .child_text("FileSize")
        .and_then(crate::bytes_of_kilobytes);
    Some(FileRef {
        reference,
        hash,
        declared_size,
        claims: claims.clone(),
    })
}

/// A `HashSum`'s algorithm and value: ERN 4's `Algorithm` and `HashSumValue`, or ERN 3's (and
/// ECHO's) `HashSumAlgorithmType` and inner `HashSum`.
pub(crate) fn hash_sum(sum: &Node) -> Option<(String, String)> {
    match (sum.child_text("HashSumValue"), sum.child_text("Algorithm")) {
        (Some(value), Some(algorithm)) => Some((algorithm.to_owned(), value.to_owned())),
        _ => Some((
            sum.child_text("HashSumAlgorithmType")?.to_owned(),
            sum.child_text("HashSum")?.to_owned(),
        )),
    }
}
