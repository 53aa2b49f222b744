//! The library SIMD workload: scans generated UTF-8 text with `memchr`
//! (single bytes, byte sets, substrings with `memmem`) and validates it with
//! `simdutf8`, then prints every count. Both crates pick their Wasm SIMD
//! code when built with `+simd128` and their portable code otherwise, so the
//! two builds of this file compare a library's scalar and SIMD paths.
#![forbid(unsafe_code)]

use memchr::memmem;

/// Size of the generated text.
const LEN: usize = 1 << 20;

/// xorshift64*, as the C drivers' `gen.h`.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Pseudo-English text with numbers, punctuation, line breaks and now and
/// then a word outside ASCII (so UTF-8 validation sees multi-byte forms).
fn text(len: usize) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
        "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
        "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
        "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "interpreter",
        "module", "function", "memory", "table", "instance", "benchmark", "compression",
        "checksum", "webassembly", "register", "dispatch", "request", "status",
    ];
    const RARE: &[&str] = &["naïve", "café", "Zürich", "smörgåsbord", "日本語", "€100", "🦀"];
    let mut g = Gen(0x243F_6A88_85A3_08D3);
    let mut out = Vec::with_capacity(len + 16);
    while out.len() < len {
        let r = g.next();
        if r & 31 == 0 {
            out.extend_from_slice(((r >> 8) % 100_000).to_string().as_bytes());
        } else if r & 511 == 1 {
            out.extend_from_slice(RARE[(r >> 9) as usize % RARE.len()].as_bytes());
        } else {
            let (a, b) = ((r >> 8) as usize % WORDS.len(), (r >> 20) as usize % WORDS.len());
            out.extend_from_slice(WORDS[a.min(b)].as_bytes());
        }
        out.push(match r >> 40 {
            x if x & 15 == 0 => b'.',
            x if (x >> 4) & 63 == 0 => b'\n',
            x if (x >> 10) & 31 == 0 => b',',
            _ => b' ',
        });
    }
    // Cut at a character boundary so the text stays valid UTF-8.
    let mut end = len;
    while out[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    out.truncate(end);
    out
}

fn main() {
    let text = text(LEN);
    let mut digest = 0u64;
    let mut mix = |v: usize| digest = (digest ^ v as u64).wrapping_mul(0x0100_0000_01B3);

    for round in 0..8 {
        // UTF-8 validation of the whole text, and of a cut inside a character.
        let valid = simdutf8::basic::from_utf8(&text).is_ok();
        let cut = text.iter().position(|&b| b >= 0x80).unwrap_or(0) + 1;
        let invalid = simdutf8::compat::from_utf8(&text[..cut]).err().map(|e| e.valid_up_to());
        mix(valid as usize);
        mix(invalid.unwrap_or(usize::MAX));

        // Single bytes and byte sets.
        let lines = memchr::memchr_iter(b'\n', &text).count();
        let stops = memchr::memchr2_iter(b'.', b',', &text).count();
        let digits = memchr::memchr3_iter(b'7', b'8', b'9', &text).count();
        let last = memchr::memrchr(b'\n', &text[..text.len() - round]).unwrap_or(0);
        mix(lines);
        mix(stops);
        mix(digits);
        mix(last);
        if round == 0 {
            println!("utf-8 valid {valid}, cut at {cut} valid up to {invalid:?}");
            println!("lines {lines}, stops {stops}, digits 7-9 {digits}, last line break at {last}");
        }

        // Substrings: common, rare and absent words.
        for word in ["webassembly", "the ", "interpreter", "Zürich", "benchmarks", "🦀"] {
            let n = memmem::find_iter(&text, word.as_bytes()).count();
            mix(n);
            if round == 0 {
                println!("{word:?}: {n}");
            }
        }
    }
    println!("digest {digest:016x}");
}
