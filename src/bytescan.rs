//! Classing 16 bytes at once: escaping, word counting and typography look
//! for a few bytes in long runs of text that hold none of them.

/// Bit `i` of the result is set when byte `i` of the 16 at `p` equals one
/// of `eq` or lies in one of `ranges`, given as `(lo, span)` for
/// `lo..=lo + span`. Inlined, so that constant sets unroll into a few
/// compares.
///
/// # Safety
/// `p` must point at 16 readable bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub unsafe fn mask16(p: *const u8, eq: &[u8], ranges: &[(u8, u8)]) -> u32 {
    use std::arch::x86_64::*;
    // SSE2 is part of every x86_64 processor, so these are always available.
    unsafe {
        let chunk = _mm_loadu_si128(p.cast());
        let mut hit = _mm_setzero_si128();
        for &b in eq {
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b as i8)));
        }
        for &(lo, span) in ranges {
            // Unsigned `b - lo <= span` exactly when min(b - lo, span) is b - lo.
            let d = _mm_sub_epi8(chunk, _mm_set1_epi8(lo as i8));
            let within = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span as i8)), d);
            hit = _mm_or_si128(hit, within);
        }
        _mm_movemask_epi8(hit) as u32
    }
}

/// The index of the first byte at or after `from` that `mask16` would mark,
/// or the length; `scalar` says the same of one byte, for the tail.
#[inline(always)]
pub fn find(
    bytes: &[u8],
    from: usize,
    eq: &[u8],
    ranges: &[(u8, u8)],
    scalar: impl Fn(u8) -> bool,
) -> usize {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= bytes.len() {
        // `i + 16 <= bytes.len()` keeps the 16 bytes inside the slice.
        let mask = unsafe { mask16(bytes.as_ptr().add(i), eq, ranges) };
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| scalar(b)))
        .map_or(bytes.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// 16 at a time or one by one, the same first byte.
        #[test]
        fn find_is_the_first_byte_of_the_set(
            bytes in proptest::collection::vec(prop_oneof![Just(b'&'), Just(0xC2u8), Just(b'5'), Just(b'a'), any::<u8>()], 0..80),
            from in 0usize..90,
        ) {
            let scalar = |b: u8| b == b'&' || b == 0xC2 || b.is_ascii_digit();
            let expected = bytes
                .get(from..)
                .and_then(|r| r.iter().position(|&b| scalar(b)))
                .map_or(bytes.len(), |p| from + p);
            prop_assert_eq!(find(&bytes, from, b"&\xC2", &[(b'0', 9)], scalar), expected);
        }
    }
}
