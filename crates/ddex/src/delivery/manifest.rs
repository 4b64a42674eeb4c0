//! The batch's manifest (`BatchComplete_<BatchId>.xml`, ECHO's `ManifestMessage`): found,
//! read and written. It is the batch-complete signal, so the sender writes it last and the
//! receiver takes nothing without it.

use std::fs;
use std::path::{Path, PathBuf};

use super::Refusal;
use super::scan::{Node, hash_sum, scan};

/// The manifest's file name for `batch_id` (ECHO 1.7 §8.4).
#[must_use]
pub fn manifest_name(batch_id: &str) -> String {
    format!("BatchComplete_{batch_id}.xml")
}

/// Whether `name` is a manifest's: `BatchComplete_…xml`, or ECHO 1.3's `batch_complete_…`.
pub(crate) fn is_manifest_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("batchcomplete_") || lower.starts_with("batch_complete_"))
        && lower.ends_with(".xml")
}

/// One `MessageInBatch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub message_type: String,
    pub message_id: String,
    pub url: String,
    pub hash: Option<(String, String)>,
    /// `DeliveryType` (`NewReleaseDelivery`, `ReDelivery`, `TakeDown`, …), when given.
    pub delivery_type: Option<String>,
}

/// The manifest's `DeliveryType` of a message (the allowed value set's `MessageActionType`,
/// AVS 4.3): `NewReleaseDelivery` for a release the recipient has not had, `ReDelivery` for
/// an update, `TakeDown` for a takedown.
pub(crate) const fn delivery_type(action: crate::Action) -> &'static str {
    match action {
        crate::Action::Update => "ReDelivery",
        crate::Action::Takedown | crate::Action::Purge => "TakeDown",
        crate::Action::Insert => "NewReleaseDelivery",
    }
}

/// What the manifest lists; `None` for the zero-byte semaphore ECHO §8.1 allows instead.
pub(crate) struct Manifest {
    pub path: PathBuf,
    pub entries: Option<Vec<Entry>>,
    pub root_directory: Option<String>,
}

/// The batch's one manifest, read through the guarded scanner.
pub(crate) fn find(root: &Path, files: &[PathBuf]) -> Result<Manifest, super::Error> {
    let mut manifests = files.iter().filter(|path| {
        path.components().count() == 1
            && path
                .file_name()
                .is_some_and(|name| is_manifest_name(&name.to_string_lossy()))
    });
    let Some(first) = manifests.next() else {
        return Err(Refusal::NoManifest {
            batch: root.to_path_buf(),
        }
        .into());
    };
    if let Some(second) = manifests.next() {
        return Err(Refusal::Manifest {
            file: root.join(second),
            message: format!("a second manifest beside {}", first.display()),
        }
        .into());
    }
    let path = root.join(first);
    let metadata = fs::symlink_metadata(&path)?;
    if !metadata.is_file() {
        return Err(Refusal::OutsideBatch {
            file: root.to_path_buf(),
            reference: first.display().to_string(),
            why: "is not a plain file",
        }
        .into());
    }
    if metadata.len() == 0 {
        return Ok(Manifest {
            path,
            entries: None,
            root_directory: None,
        });
    }
    let (node, _) = scan(&path)?;
    if node.name != "ManifestMessage" {
        return Err(Refusal::Manifest {
            file: path,
            message: format!("the root is {}, expected ManifestMessage", node.name),
        }
        .into());
    }
    let entries = node
        .children
        .iter()
        .filter(|child| child.name == "MessageInBatch")
        .map(|entry| entry_of(&path, entry))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(count) = node.child_text("NumberOfMessages")
        && count.parse::<usize>().ok() != Some(entries.len())
    {
        return Err(Refusal::Manifest {
            file: path,
            message: format!(
                "NumberOfMessages says {count}, but {} MessageInBatch entries follow",
                entries.len()
            ),
        }
        .into());
    }
    Ok(Manifest {
        root_directory: node
            .child_text("RootDirectory")
            .filter(|text| !text.is_empty())
            .map(str::to_owned),
        path,
        entries: Some(entries),
    })
}

fn entry_of(path: &Path, entry: &Node) -> Result<Entry, super::Error> {
    let url = entry.child_text("URL").ok_or_else(|| Refusal::Manifest {
        file: path.to_path_buf(),
        message: "a MessageInBatch without URL".into(),
    })?;
    let hash = entry.child("HashSum").and_then(hash_sum);
    Ok(Entry {
        message_type: entry
            .child_text("MessageType")
            .unwrap_or_default()
            .to_owned(),
        message_id: entry.child_text("MessageId").unwrap_or_default().to_owned(),
        url: url.to_owned(),
        hash,
        delivery_type: entry
            .child_text("DeliveryType")
            .filter(|text| !text.is_empty())
            .map(str::to_owned),
    })
}

/// The entry's `URL` as a path relative to the batch folder. Real manifests write it relative
/// (`8718857546047/8718857546047.xml`) or from the server's root, starting with the batch folder
/// (`/20161024145603121/721620118165/721620118165.xml`): that leading part is dropped. Anything
/// else is left for [`resolve`](super::paths::resolve) to judge.
pub(crate) fn relative_url<'a>(url: &'a str, batch_names: &[&str]) -> &'a str {
    let Some(rest) = url.strip_prefix('/') else {
        return url;
    };
    for name in batch_names {
        if let Some(inside) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('/')) {
            return inside;
        }
    }
    url
}
