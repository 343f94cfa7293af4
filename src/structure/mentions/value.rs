//! Number values as the structure writes them: ASCII digits, `.` for decimals, no
//! grouping. Digits are kept as exact decimal strings (any length); values of number
//! words are exact fractions, written with up to six decimals when they do not end
//! (ثلث → 0.333333).

/// A value as written digits: the integer and fraction parts, ASCII digits only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    int: String,
    frac: String,
}

impl Decimal {
    /// From ASCII digits with at most one `.`.
    pub(crate) fn parse(s: &str) -> Decimal {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        Decimal {
            int: int.to_string(),
            frac: frac.to_string(),
        }
    }

    /// The value times 10^`pow`: the decimal point moved right.
    pub(crate) fn scaled(&self, pow: u32) -> Decimal {
        let mut int = self.int.clone();
        let mut frac = self.frac.clone();
        for _ in 0..pow {
            if frac.is_empty() {
                int.push('0');
            } else {
                int.push(frac.remove(0));
            }
        }
        let int = int.trim_start_matches('0');
        Decimal {
            int: if int.is_empty() {
                "0".into()
            } else {
                int.into()
            },
            frac,
        }
    }

    /// As the structure writes it. A value that was scaled has no leading zeros; trailing
    /// zeros of the fraction are dropped only after scaling (3.50 stays as written).
    pub(crate) fn render(&self) -> String {
        if self.frac.is_empty() {
            self.int.clone()
        } else {
            format!("{}.{}", self.int, self.frac)
        }
    }

    /// The value as a float, for comparing the bounds of a range.
    pub(crate) fn approx(&self) -> f64 {
        self.render().parse().unwrap_or(f64::NAN)
    }
}

/// An exact non-negative fraction, for the values of number words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ratio {
    num: u128,
    den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub(crate) const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// `num / den`, reduced.
    pub(crate) fn new(num: u128, den: u128) -> Ratio {
        let g = gcd(num, den).max(1);
        Ratio {
            num: num / g,
            den: (den / g).max(1),
        }
    }

    /// A whole number.
    pub(crate) fn int(n: u128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub(crate) fn is_zero(self) -> bool {
        self.num == 0
    }

    /// `self + o`, `None` on overflow.
    pub(crate) fn add(self, o: Ratio) -> Option<Ratio> {
        let den = self.den.checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(o.den)?
            .checked_add(o.num.checked_mul(self.den)?)?;
        Some(Ratio::new(num, den))
    }

    /// `self × o`, `None` on overflow.
    pub(crate) fn mul(self, o: Ratio) -> Option<Ratio> {
        Some(Ratio::new(
            self.num.checked_mul(o.num)?,
            self.den.checked_mul(o.den)?,
        ))
    }

    /// Decimal digits: exact when the fraction ends within six places, else cut there.
    pub(crate) fn render(self) -> String {
        let int = self.num / self.den;
        let mut rem = self.num % self.den;
        let mut out = int.to_string();
        if rem != 0 {
            out.push('.');
            // Ten times the remainder must fit: halve a huge fraction's terms (the
            // places shown do not feel the bits dropped).
            let mut den = self.den;
            while den > u128::MAX / 10 {
                rem >>= 1;
                den >>= 1;
            }
            // Halving can round the remainder up to the denominator.
            rem = rem.min(den - 1);
            for _ in 0..6 {
                rem *= 10;
                out.push(char::from(b'0' + (rem / den) as u8));
                rem %= den;
                if rem == 0 {
                    break;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_scale_by_moving_the_point() {
        assert_eq!(Decimal::parse("2.5").scaled(6).render(), "2500000");
        assert_eq!(Decimal::parse("1500.5").scaled(6).render(), "1500500000");
        assert_eq!(Decimal::parse("0.25").scaled(1).render(), "2.5");
        assert_eq!(Decimal::parse("57").scaled(9).render(), "57000000000");
        assert_eq!(Decimal::parse("3.50").render(), "3.50");
        assert_eq!(Decimal::parse("12.5").approx(), 12.5);
    }

    #[test]
    fn ratios_add_multiply_and_render() {
        let half = Ratio::new(1, 2);
        assert_eq!(half.render(), "0.5");
        assert_eq!(Ratio::new(1, 3).render(), "0.333333");
        assert_eq!(Ratio::new(3, 4).render(), "0.75");
        // No overflow with the largest denominator.
        assert_eq!(Ratio::new(u128::MAX - 1, u128::MAX).render(), "0.999999");
        let million_and_half = Ratio::int(1_000_000)
            .add(half.mul(Ratio::int(1_000_000)).unwrap())
            .unwrap();
        assert_eq!(million_and_half.render(), "1500000");
        assert!(Ratio::int(u128::MAX).mul(Ratio::int(2)).is_none());
    }
}
