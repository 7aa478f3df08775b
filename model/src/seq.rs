//! Sequence numbers and their modulo-2³² comparisons (RFC 9293 §3.4).
//!
//! "It is essential to remember that the actual sequence number space is
//! finite ... all arithmetic dealing with sequence numbers must be performed
//! modulo 2**32" (§3.4). Comparisons are therefore defined on the signed
//! distance between two numbers, valid while they are less than 2³¹ apart.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Sub};

/// A 32-bit TCP sequence (or acknowledgment) number.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeqNum(pub u32);

impl SeqNum {
    /// Signed distance `self - other` modulo 2³², as §3.4 compares numbers.
    pub fn distance(self, other: SeqNum) -> i32 {
        self.0.wrapping_sub(other.0) as i32
    }

    /// `self < other` modulo 2³² (§3.4 "<").
    pub fn lt(self, other: SeqNum) -> bool {
        self.distance(other) < 0
    }

    /// `self =< other` modulo 2³² (§3.4 "=<").
    pub fn le(self, other: SeqNum) -> bool {
        self.distance(other) <= 0
    }

    /// `self > other` modulo 2³².
    pub fn gt(self, other: SeqNum) -> bool {
        self.distance(other) > 0
    }

    /// `self >= other` modulo 2³².
    pub fn ge(self, other: SeqNum) -> bool {
        self.distance(other) >= 0
    }

    /// `low =< self < high`, the half-open window test of §3.4.
    pub fn in_window(self, low: SeqNum, high: SeqNum) -> bool {
        low.le(self) && self.lt(high)
    }

    /// The later of two sequence numbers modulo 2³².
    pub fn max(self, other: SeqNum) -> SeqNum {
        if self.ge(other) {
            self
        } else {
            other
        }
    }
}

impl Add<u32> for SeqNum {
    type Output = SeqNum;
    fn add(self, rhs: u32) -> SeqNum {
        SeqNum(self.0.wrapping_add(rhs))
    }
}

impl Sub<u32> for SeqNum {
    type Output = SeqNum;
    fn sub(self, rhs: u32) -> SeqNum {
        SeqNum(self.0.wrapping_sub(rhs))
    }
}

impl Sub<SeqNum> for SeqNum {
    type Output = i32;
    fn sub(self, rhs: SeqNum) -> i32 {
        self.distance(rhs)
    }
}

impl fmt::Debug for SeqNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for SeqNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::SeqNum;
    use quickcheck::quickcheck;

    quickcheck! {
        // Adding a small positive amount always moves "forward", even across 2³².
        fn add_moves_forward(a: u32, n: u32) -> bool {
            let n = n % (1 << 31);
            let a = SeqNum(a);
            n == 0 || (a.lt(a + n) && (a + n).gt(a) && !(a + n).le(a))
        }

        // Exactly one of <, =, > holds between numbers less than 2³¹ apart.
        fn trichotomy(a: u32, b: u32) -> bool {
            let (a, b) = (SeqNum(a), SeqNum(b));
            if a.0.wrapping_sub(b.0) == 1 << 31 { return true; } // undefined at exactly 2³¹
            [a.lt(b), a == b, a.gt(b)].iter().filter(|x| **x).count() == 1
        }

        fn le_is_lt_or_eq(a: u32, b: u32) -> bool {
            let (a, b) = (SeqNum(a), SeqNum(b));
            a.le(b) == (a.lt(b) || a == b)
        }

        fn lt_is_antisymmetric(a: u32, b: u32) -> bool {
            let (a, b) = (SeqNum(a), SeqNum(b));
            !(a.lt(b) && b.lt(a))
        }

        // Comparisons are invariant under shifting both numbers (modular arithmetic).
        fn shift_invariant(a: u32, b: u32, k: u32) -> bool {
            let (a, b) = (SeqNum(a), SeqNum(b));
            a.lt(b) == (a + k).lt(b + k) && a.le(b) == (a + k).le(b + k)
        }

        fn window_contains_its_left_edge_not_its_right(low: u32, len: u16) -> bool {
            let low = SeqNum(low);
            let high = low + len as u32;
            len == 0 || (low.in_window(low, high) && !high.in_window(low, high))
        }

        fn distance_round_trips(a: u32, d: i32) -> bool {
            let a = SeqNum(a);
            (a + d as u32).distance(a) == d
        }
    }

    #[test]
    fn wraps_around_2_pow_32() {
        let near_top = SeqNum(u32::MAX - 1);
        let wrapped = near_top + 3;
        assert_eq!(wrapped, SeqNum(1));
        assert!(near_top.lt(wrapped), "§3.4: 2³²-2 < 1 modulo 2³²");
        assert!(!wrapped.lt(near_top));
    }
}
