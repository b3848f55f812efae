//! SentencePiece (unigram) tokenizer for the encoder's vocabulary: reads `sp.model` (a
//! protobuf), normalises text with its precompiled `nmt_nfkc` character map (a darts-clone
//! double-array trie walked byte by byte, longest match first), escapes spaces as `▁` with a
//! dummy prefix, and segments by Viterbi over the pieces' log-probabilities, as the
//! reference `sentencepiece` library does for this model.
//!
//! Fails only when loading: a truncated or malformed model file is an error that names what
//! is missing. Tokenizing never fails: a character no piece covers becomes the unknown piece.

use std::collections::HashMap;

use thiserror::Error;

pub(super) const UNK: u32 = 0;
pub(super) const BOS: u32 = 1;
pub(super) const EOS: u32 = 2;

/// What was wrong with the model file.
#[derive(Debug, Error)]
#[error("sp.model: {0}")]
pub struct ModelError(String);

/// The vocabulary, its scores and the normaliser.
pub(super) struct Tokenizer {
    /// Piece → id.
    ids: HashMap<Box<str>, u32>,
    scores: Vec<f32>,
    /// Longest piece, in characters.
    max_chars: usize,
    unk_score: f64,
    normalizer: Normalizer,
}

/// A protobuf field: number and, for length-delimited and 32-bit fields, its bytes (for
/// varints, the value).
struct Field<'a> {
    number: u64,
    bytes: Option<&'a [u8]>,
    value: u64,
}

fn varint(data: &[u8], pos: &mut usize) -> Result<u64, ModelError> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data
            .get(*pos)
            .ok_or_else(|| ModelError("truncated varint".into()))?;
        *pos += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(ModelError("varint longer than 64 bits".into()))
}

/// The fields of one protobuf message, in order.
fn fields(data: &[u8]) -> Result<Vec<Field<'_>>, ModelError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let tag = varint(data, &mut pos)?;
        let (number, wire) = (tag >> 3, tag & 7);
        let take = |pos: &mut usize, len: usize| -> Result<&[u8], ModelError> {
            let end = pos
                .checked_add(len)
                .filter(|e| *e <= data.len())
                .ok_or_else(|| ModelError(format!("field {number} runs past the end")))?;
            let bytes = &data[*pos..end];
            *pos = end;
            Ok(bytes)
        };
        let mut value = 0;
        let bytes = match wire {
            0 => {
                value = varint(data, &mut pos)?;
                None
            }
            1 => {
                take(&mut pos, 8)?;
                None
            }
            2 => {
                let len = usize::try_from(varint(data, &mut pos)?)
                    .map_err(|_| ModelError("length overflows".into()))?;
                Some(take(&mut pos, len)?)
            }
            5 => Some(take(&mut pos, 4)?),
            w => return Err(ModelError(format!("unsupported wire type {w}"))),
        };
        out.push(Field {
            number,
            bytes,
            value,
        });
    }
    Ok(out)
}

impl Tokenizer {
    /// Parses the model: pieces (field 1: piece, score) and the character map, which this
    /// model keeps in field 2 of field 3 (sentencepiece's legacy layout).
    pub(super) fn from_model(data: &[u8]) -> Result<Self, ModelError> {
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut scores = Vec::new();
        let mut charsmap: &[u8] = &[];
        for f in fields(data)? {
            match (f.number, f.bytes) {
                (1, Some(piece)) => {
                    let mut text = None;
                    let mut score = 0.0f32;
                    let mut kind = 1;
                    for pf in fields(piece)? {
                        match (pf.number, pf.bytes) {
                            (1, Some(t)) => {
                                text = Some(
                                    std::str::from_utf8(t)
                                        .map_err(|_| ModelError("a piece is not UTF-8".into()))?,
                                )
                            }
                            (2, Some(s)) => {
                                let s: [u8; 4] = s
                                    .try_into()
                                    .map_err(|_| ModelError("a score is not 4 bytes".into()))?;
                                score = f32::from_le_bytes(s);
                            }
                            (3, None) => kind = pf.value,
                            _ => {}
                        }
                    }
                    let text = text.ok_or_else(|| ModelError("a piece has no text".into()))?;
                    let id = u32::try_from(scores.len())
                        .map_err(|_| ModelError("too many pieces".into()))?;
                    // The unknown piece (type 2) and control pieces (type 3: `<s>`, `</s>`)
                    // are never matched from text, as in sentencepiece.
                    if !matches!(kind, 2 | 3) {
                        ids.entry(text.into()).or_insert(id);
                    }
                    scores.push(score);
                }
                (3, Some(spec)) => {
                    for sf in fields(spec)? {
                        if let (2, Some(map)) = (sf.number, sf.bytes) {
                            charsmap = map;
                        }
                    }
                }
                _ => {}
            }
        }
        if scores.len() <= EOS as usize {
            return Err(ModelError(format!("only {} pieces", scores.len())));
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        let max_chars = ids.keys().map(|p| p.chars().count()).max().unwrap_or(1);
        Ok(Self {
            ids,
            scores,
            max_chars,
            unk_score: f64::from(min) - 10.0,
            normalizer: Normalizer::new(charsmap)?,
        })
    }

    pub(super) fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// Piece ids for `text`, with the begin and end markers.
    pub(super) fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalizer.normalize(text);
        let mut out = vec![BOS];
        if normalized.is_empty() {
            out.push(UNK);
        } else {
            out.extend(self.viterbi(&normalized));
        }
        out.push(EOS);
        out
    }

    /// The best segmentation: for each end position, the best-scoring piece ending there
    /// (earliest start on ties, as sentencepiece's strict comparison gives); a character no
    /// piece of length one covers becomes [`UNK`] with a penalty.
    fn viterbi(&self, s: &str) -> Vec<u32> {
        let bounds: Vec<usize> = s
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .collect();
        let len = bounds.len() - 1;
        let mut best = vec![f64::MIN; len + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; len + 1];
        let mut piece_of = vec![UNK; len + 1];
        for i in 0..len {
            let base = best[i];
            let mut has_single = false;
            for j in i + 1..=(i + self.max_chars).min(len) {
                if let Some(&id) = self.ids.get(&s[bounds[i]..bounds[j]]) {
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[j] {
                        best[j] = score;
                        start_of[j] = i;
                        piece_of[j] = id;
                    }
                    has_single |= j == i + 1;
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[i + 1] {
                    best[i + 1] = score;
                    start_of[i + 1] = i;
                    piece_of[i + 1] = UNK;
                }
            }
        }
        let mut ids = Vec::new();
        let mut p = len;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids.reverse();
        ids
    }
}

/// The `nmt_nfkc` normaliser: replacements from the precompiled map, then whitespace rules
/// (leading and repeated spaces removed, a dummy prefix, spaces escaped as `▁`).
struct Normalizer {
    units: Vec<u32>,
    normalized: Vec<u8>,
}

const SPACE: &str = "\u{2581}";

impl Normalizer {
    fn new(charsmap: &[u8]) -> Result<Self, ModelError> {
        if charsmap.is_empty() {
            return Ok(Self {
                units: Vec::new(),
                normalized: Vec::new(),
            });
        }
        let bad = || ModelError("the character map is truncated".into());
        let size = u32::from_le_bytes(
            charsmap
                .get(..4)
                .ok_or_else(bad)?
                .try_into()
                .map_err(|_| bad())?,
        ) as usize;
        let trie = charsmap.get(4..4 + size).ok_or_else(bad)?;
        let units = trie
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Self {
            units,
            normalized: charsmap[4 + size..].to_vec(),
        })
    }

    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// The replacement for the longest map key at `data[pos..]` and the bytes it consumes;
    /// without a key, the character itself (or one byte of invalid UTF-8).
    fn prefix<'a>(&'a self, data: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        let mut best: Option<(usize, usize)> = None;
        if let Some(&root) = self.units.first() {
            let mut node = Self::offset(root);
            let mut i = pos;
            while i < data.len() {
                let c = data[i];
                node ^= usize::from(c);
                let Some(&unit) = self.units.get(node) else {
                    break;
                };
                if unit & 0x8000_00ff != u32::from(c) {
                    break;
                }
                node ^= Self::offset(unit);
                i += 1;
                if unit & 0x100 != 0
                    && let Some(&leaf) = self.units.get(node)
                {
                    best = Some((i - pos, (leaf & 0x7fff_ffff) as usize));
                }
            }
        }
        if let Some((len, value)) = best.filter(|(_, v)| *v < self.normalized.len()) {
            let rest = &self.normalized[value..];
            let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
            return (&rest[..end], len);
        }
        let first = data[pos];
        let mut len = match first {
            0x00..=0x7f => 1,
            _ if first >> 5 == 0x6 => 2,
            _ if first >> 4 == 0xe => 3,
            _ if first >> 3 == 0x1e => 4,
            _ => 1,
        };
        if (1..len).any(|k| data.get(pos + k).is_none_or(|b| b & 0xc0 != 0x80)) {
            len = 1;
        }
        (&data[pos..pos + len], len)
    }

    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        while pos < raw.len() {
            let (p, adv) = self.prefix(raw, pos);
            if p != b" " {
                break;
            }
            pos += adv;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out: Vec<u8> = SPACE.as_bytes().to_vec();
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut p, adv) = self.prefix(raw, pos);
            pos += adv;
            if prev_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if let Some(&last) = p.last() {
                for &b in p {
                    if b == b' ' {
                        out.extend_from_slice(SPACE.as_bytes());
                    } else {
                        out.push(b);
                    }
                }
                prev_space = last == b' ';
            }
        }
        while out.ends_with(SPACE.as_bytes()) {
            out.truncate(out.len() - SPACE.len());
        }
        // Replacements are UTF-8 and whole characters are copied; an invalid byte of the
        // input was copied alone, so repair it rather than fail.
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}
