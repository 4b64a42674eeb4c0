//! The decode pass: one read of the file that decodes every packet, hashes the file's bytes
//! and the decoded samples, counts frames and notes the first damage. [`inspect`] runs it for
//! the details alone; [`decode`] also hands each block of samples to a callback (what a
//! fingerprinter needs).

use std::fs::File;
use std::io;
use std::path::Path;

use symphonia::core::audio::{Audio, GenericAudioBufferRef};
use symphonia::core::codecs::audio::well_known::{
    CODEC_ID_AAC, CODEC_ID_ALAC, CODEC_ID_FLAC, CODEC_ID_MP3, CODEC_ID_OPUS, CODEC_ID_VORBIS,
};
use symphonia::core::codecs::audio::{
    AudioCodecId, AudioDecoder, AudioDecoderOptions, VerificationCheck,
};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

use crate::audio::frames_to_duration;
use crate::digest::HashingReader;
use crate::sample_hash::{SampleHashes, StreamMd5};
use crate::{AudioInfo, Codec, Container, Damage, DamageKind, Error, Integrity};

/// One block of decoded audio: interleaved samples, each a full-scale signed 32-bit integer
/// whatever the source's bit depth (a 16-bit sample `s` is `s << 16`).
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// Sample frames per second.
    pub sample_rate: u32,
    /// Channels per frame.
    pub channels: u16,
    samples: &'a [i32],
}

impl<'a> Block<'a> {
    /// The interleaved samples (`frames() × channels` of them).
    #[must_use]
    pub const fn interleaved(&self) -> &'a [i32] {
        self.samples
    }

    /// The number of sample frames.
    #[must_use]
    pub fn frames(&self) -> usize {
        self.samples.len() / usize::from(self.channels.max(1))
    }

    /// Appends the samples to `out` as interleaved `f32` in −1.0..1.0.
    pub fn extend_f32(&self, out: &mut Vec<f32>) {
        out.extend(self.samples.iter().map(|&s| to_f32(s)));
    }

    /// Appends the samples to `out` as interleaved `i16` (the top 16 bits of each sample).
    pub fn extend_i16(&self, out: &mut Vec<i16>) {
        // `s >> 16` of an i32 always fits in an i16.
        out.extend(self.samples.iter().map(|&s| (s >> 16) as i16));
    }

    /// Appends one `f32` per frame to `out`: the mean of its channels (the down-mix
    /// Chromaprint uses).
    pub fn extend_mono_f32(&self, out: &mut Vec<f32>) {
        let channels = usize::from(self.channels.max(1));
        #[allow(clippy::cast_precision_loss)] // channel counts are tiny
        let scale = 1.0 / channels as f32;
        out.extend(
            self.samples
                .chunks_exact(channels)
                .map(|frame| frame.iter().map(|&s| to_f32(s)).sum::<f32>() * scale),
        );
    }
}

#[allow(clippy::cast_precision_loss)] // an f32 keeps 24 bits of a sample: more than any codec delivers
fn to_f32(s: i32) -> f32 {
    s as f32 / 2_147_483_648.0
}

/// Decodes the audio file at `path` from start to end and measures it: technical details,
/// exact duration, integrity, and the MD5 and SHA-256 of the file, in one read.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be opened or read, [`Error::UnknownFormat`] when it is not
/// audio in a container this crate reads, [`Error::NoAudioTrack`], [`Error::UnsupportedCodec`].
/// A file that starts decoding but is truncated or corrupt is not an error: its
/// [`AudioInfo::integrity`] says what and where.
pub fn inspect(path: impl AsRef<Path>) -> Result<AudioInfo, Error> {
    decode(path, |_| {})
}

/// Like [`inspect`], handing every decoded [`Block`] to `on_block` in order.
///
/// # Errors
///
/// As [`inspect`].
pub fn decode(
    path: impl AsRef<Path>,
    mut on_block: impl FnMut(&Block<'_>),
) -> Result<AudioInfo, Error> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let file_size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let (reader, hashes) = HashingReader::new(file, file_size);
    let stream = MediaSourceStream::new(Box::new(reader), Default::default());

    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let mut format = symphonia::default::get_probe()
        .probe(
            &hint,
            stream,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| match e {
            SymphoniaError::IoError(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
                Error::io(path, e)
            }
            other => Error::UnknownFormat {
                path: path.to_owned(),
                reason: other.to_string(),
            },
        })?;

    let container = Container::from_reader_name(format.format_info().short_name);
    let track = format
        .default_track(TrackType::Audio)
        .ok_or_else(|| Error::NoAudioTrack {
            path: path.to_owned(),
        })?;
    let track_id = track.id;
    let declared_frames = track.num_frames;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| Error::NoAudioTrack {
            path: path.to_owned(),
        })?
        .clone();
    let codec = codec_of(params.codec);
    // FLAC's STREAMINFO MD5 is checked here, from the buffer the SHA-256 of the samples is
    // computed from; symphonia verifies the codecs we do not.
    let stream_md5 = match (codec, params.verification_check) {
        (Codec::Flac, Some(VerificationCheck::Md5(expected))) => params
            .bits_per_sample
            .and_then(|bits| StreamMd5::new(expected, bits)),
        _ => None,
    };
    let options = AudioDecoderOptions::default().verify(codec != Codec::Flac);
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &options)
        .map_err(|e| Error::UnsupportedCodec {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;

    let mut pass = Pass {
        sample_rate: params.sample_rate.unwrap_or(0),
        channels: params
            .channels
            .as_ref()
            .map_or(0, |c| u16::try_from(c.count()).unwrap_or(u16::MAX)),
        frames: 0,
        damage: None,
        samples: Vec::new(),
        hashes: SampleHashes::new(stream_md5),
    };
    pass.run(format.as_mut(), decoder.as_mut(), track_id, &mut on_block);
    let (audio_digest, stream_md5) = pass.hashes.finish();

    if pass.damage.is_none() {
        let verified = match stream_md5 {
            Some(check) => check.matches(),
            None => decoder.finalize().verify_ok != Some(false),
        };
        if !verified {
            pass.damage = Some(pass.damage_here(
                DamageKind::ChecksumMismatch,
                "the decoded samples do not match the MD5 the stream declares".to_owned(),
            ));
        } else if let Some(declared) = declared_frames
            && codec.is_lossless()
            && pass.frames < declared
        {
            pass.damage = Some(pass.damage_here(
                DamageKind::Truncated,
                format!(
                    "the stream ends after {} of the {declared} sample frames its header declares",
                    pass.frames
                ),
            ));
        }
    }
    drop(format);

    let reopened = File::open(path).map_err(|e| Error::io(path, e))?;
    let digests = hashes.finish(reopened).map_err(|e| Error::io(path, e))?;
    Ok(AudioInfo {
        container,
        codec,
        sample_rate: pass.sample_rate,
        bits_per_sample: if codec.is_lossless() {
            params.bits_per_coded_sample.or(params.bits_per_sample)
        } else {
            None
        },
        channels: pass.channels,
        frames: pass.frames,
        declared_frames,
        file_size,
        integrity: pass.damage.map_or(Integrity::Complete, Integrity::Damaged),
        digests,
        audio_digest,
    })
}

fn codec_of(id: AudioCodecId) -> Codec {
    match id {
        CODEC_ID_FLAC => Codec::Flac,
        CODEC_ID_ALAC => Codec::Alac,
        CODEC_ID_MP3 => Codec::Mp3,
        CODEC_ID_AAC => Codec::Aac,
        CODEC_ID_VORBIS => Codec::Vorbis,
        CODEC_ID_OPUS => Codec::Opus,
        other => match symphonia::default::get_codecs().get_audio_decoder(other) {
            Some(d) if d.codec.info.short_name.starts_with("pcm") => Codec::Pcm,
            Some(d) => Codec::Other(d.codec.info.short_name),
            None => Codec::Other("unknown"),
        },
    }
}

/// `buffer`'s samples interleaved into `out`, each a full-scale `i32`. The planes of mono and
/// stereo 32-bit buffers (FLAC's, ALAC's) are copied directly; symphonia's general conversion
/// copies a sample at a time.
fn interleave(buffer: &GenericAudioBufferRef<'_>, out: &mut Vec<i32>) {
    if let GenericAudioBufferRef::S32(planar) = buffer {
        out.resize(planar.samples_interleaved(), 0);
        match planar.num_planes() {
            1 => {
                if let Some(mono) = planar.plane(0) {
                    out.copy_from_slice(mono);
                    return;
                }
            }
            2 => {
                if let Some((left, right)) = planar.plane_pair(0, 1) {
                    for ((frame, &l), &r) in out.chunks_exact_mut(2).zip(left).zip(right) {
                        frame[0] = l;
                        frame[1] = r;
                    }
                    return;
                }
            }
            _ => {}
        }
    }
    buffer.copy_to_vec_interleaved::<i32>(out);
}

/// The running state of one decode.
struct Pass {
    sample_rate: u32,
    channels: u16,
    frames: u64,
    damage: Option<Damage>,
    /// The block being decoded, interleaved.
    samples: Vec<i32>,
    hashes: SampleHashes,
}

impl Pass {
    fn run(
        &mut self,
        format: &mut dyn FormatReader,
        decoder: &mut dyn AudioDecoder,
        track_id: u32,
        on_block: &mut dyn FnMut(&Block<'_>),
    ) {
        loop {
            let packet = match format.next_packet() {
                Ok(Some(packet)) => packet,
                Ok(None) => return,
                Err(e) => {
                    let kind = match &e {
                        SymphoniaError::IoError(io)
                            if io.kind() == io::ErrorKind::UnexpectedEof =>
                        {
                            DamageKind::Truncated
                        }
                        _ => DamageKind::Corrupt,
                    };
                    let detail = match kind {
                        DamageKind::Truncated => {
                            "the file ends in the middle of a packet".to_owned()
                        }
                        _ => e.to_string(),
                    };
                    self.note(kind, detail);
                    return;
                }
            };
            if packet.track_id != track_id {
                continue;
            }
            match decoder.decode(&packet) {
                Ok(buffer) => {
                    if buffer.frames() == 0 {
                        continue;
                    }
                    let spec = buffer.spec();
                    self.sample_rate = spec.rate();
                    self.channels = u16::try_from(spec.channels().count()).unwrap_or(u16::MAX);
                    interleave(&buffer, &mut self.samples);
                    self.hashes.update(&self.samples);
                    self.frames += buffer.frames() as u64;
                    on_block(&Block {
                        sample_rate: self.sample_rate,
                        channels: self.channels,
                        samples: &self.samples,
                    });
                }
                Err(SymphoniaError::DecodeError(msg)) => {
                    self.note(DamageKind::Corrupt, msg.to_owned());
                }
                Err(SymphoniaError::IoError(e)) => {
                    self.note(DamageKind::Truncated, e.to_string());
                }
                Err(e) => {
                    self.note(DamageKind::Corrupt, e.to_string());
                    return;
                }
            }
        }
    }

    /// Records a damaged packet: the first one is described, later ones counted.
    fn note(&mut self, kind: DamageKind, detail: String) {
        match &mut self.damage {
            Some(damage) => damage.bad_packets += 1,
            None => self.damage = Some(self.damage_here(kind, detail)),
        }
    }

    fn damage_here(&self, kind: DamageKind, detail: String) -> Damage {
        Damage {
            kind,
            at_frame: self.frames,
            at: frames_to_duration(self.frames, self.sample_rate),
            detail,
            bad_packets: u64::from(kind != DamageKind::ChecksumMismatch),
        }
    }
}
