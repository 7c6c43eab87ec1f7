//! The offset of a clock from UTC, checked where it is read.
//!
//! Rationale: an offset was a bare number of minutes from the time's words
//! ("UTC+25", "GMT+5:75", a lexicon entry "XST = 9000") to the RDF, which
//! wrote it as an `xsd:time` zone ("10:00:00+25:00") that no reader accepts.
//! Every zone in use lies within -14:00 and +14:00 (Etc/GMT+12 to
//! Pacific/Kiritimati), which is also the range `xsd:time` allows; an offset
//! outside it is refused when read, so none travels further.

use serde::{Deserialize, Serialize};

/// Minutes east of UTC, within -14:00 and +14:00. In JSON, the number of
/// minutes; one out of range is refused when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct UtcOffset(i32);

/// An offset beyond fourteen hours either side of UTC, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a UTC offset of {0} minutes is beyond ±14:00")]
pub struct OffsetOutOfRange(pub i32);

impl UtcOffset {
    /// UTC itself.
    pub const UTC: Self = Self(0);
    /// The farthest a zone lies from UTC, in minutes (14:00).
    pub const MAX_MINUTES: i32 = 14 * 60;

    /// The offset of `minutes` east of UTC; none beyond ±14:00.
    pub fn from_minutes(minutes: i32) -> Option<Self> {
        (-Self::MAX_MINUTES..=Self::MAX_MINUTES)
            .contains(&minutes)
            .then_some(Self(minutes))
    }

    /// Minutes east of UTC.
    pub fn minutes(self) -> i32 {
        self.0
    }
}

impl TryFrom<i32> for UtcOffset {
    type Error = OffsetOutOfRange;

    fn try_from(minutes: i32) -> Result<Self, Self::Error> {
        Self::from_minutes(minutes).ok_or(OffsetOutOfRange(minutes))
    }
}

impl From<UtcOffset> for i32 {
    fn from(offset: UtcOffset) -> Self {
        offset.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_beyond_fourteen_hours_is_refused() {
        assert_eq!(
            UtcOffset::from_minutes(840).map(UtcOffset::minutes),
            Some(840)
        );
        assert_eq!(
            UtcOffset::from_minutes(-840).map(UtcOffset::minutes),
            Some(-840)
        );
        assert_eq!(UtcOffset::from_minutes(841), None);
        assert_eq!(UtcOffset::from_minutes(-1500), None);
    }

    #[test]
    fn an_offset_beyond_fourteen_hours_in_json_is_refused_when_read() {
        assert!(serde_json::from_str::<UtcOffset>("1500").is_err());
        assert!(matches!(serde_json::from_str::<UtcOffset>("-300"), Ok(o) if o.minutes() == -300));
        assert!(matches!(
            serde_json::to_string(&UtcOffset::UTC).as_deref(),
            Ok("0")
        ));
    }
}
