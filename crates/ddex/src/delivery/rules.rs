//! The rule table of a delivery's findings: what [`ingest`](super::ingest) finds about one
//! message and its files, in the form of `release_model`'s own table, beside the media QC's
//! rules and the reader's notes ([`rules::RULES`](crate::rules::RULES)). (A batch refused as
//! a whole is a [`Refusal`](super::Refusal), not a finding.)

release_model::rule_table! {
    /// Every delivery rule, in the order of the README's table.
    RULES;
    UNREADABLE_MESSAGE = "batch.unreadable_message", Error,
        "a message the ERN reader refuses (its error names the line and column)";
    HASH_MISMATCH = "batch.hash_mismatch", Error,
        "a file's MD5 or SHA-256 is not the HashSum its message or the manifest gives";
    HASH_MALFORMED = "batch.hash_malformed", Error,
        "a HashSum value of the wrong length or not hex digits for its algorithm";
    HASH_UNCHECKED = "batch.hash_unchecked", Warning,
        "a HashSum in an algorithm other than MD5 and SHA-256, which is not checked";
    NO_HASH = "batch.no_hash", Warning,
        "a resource file referenced without a HashSum";
    DETAILS_MISMATCH = "batch.details_mismatch", Error,
        "a file's codec, channels, sampling rate, bits per sample or image size is not what its technical details claim";
    DURATION_MISMATCH = "batch.duration_mismatch", Error,
        "a file plays longer or shorter than the Duration its technical details claim (by more than the QC's tolerance)";
    UNLISTED_FILE = "batch.unlisted_file", Warning,
        "a resource file of no track of the release and no front cover: hashed, but not decoded nor checked";
    KIND_MISMATCH = "batch.kind_mismatch", Warning,
        "the manifest's DeliveryType says a takedown and the message offers deals, or the message is a takedown and the manifest says otherwise: the message is followed";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_apart_from_every_other_table() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(r.id.starts_with("batch."), "{}", r.id);
            assert!(RULES[..i].iter().all(|o| o.id != r.id), "{} twice", r.id);
            assert!(release_model::rule(r.id).is_none(), "{}", r.id);
            assert!(media::qc::rule(r.id).is_none(), "{}", r.id);
            assert!(crate::rules::RULES.iter().all(|o| o.id != r.id), "{}", r.id);
            assert_eq!(rule(r.id), Some(r));
        }
        assert_eq!(rule("batch.nothing"), None);
    }
}
