//! Exercise time (T+) from wall time. Each control action starts a segment: from its wall time on,
//! exercise time runs from `t_ms` at `speed`, or stands while paused or ended. The segments come
//! from the journal, so the same record gives the same T+ for every entry on every machine.

use chrono::Duration;
use rusqlite::Connection;

use crate::error::Result;
use crate::time::{self, Ts};

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub wall: Ts,
    pub t_ms: i64,
    pub speed: u32,
    pub running: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExerciseClock {
    segments: Vec<Segment>,
}

impl ExerciseClock {
    pub fn new(segments: Vec<Segment>) -> Self {
        Self { segments }
    }

    pub fn read(conn: &Connection) -> Result<Self> {
        let mut stmt = conn
            .prepare_cached("SELECT wall, t_ms, speed, running FROM exercise_clock ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut segments = Vec::new();
        for row in rows {
            let (wall, t_ms, speed, running) = row?;
            segments.push(Segment {
                wall: time::parse("wall", &wall)?,
                t_ms,
                speed,
                running,
            });
        }
        Ok(Self { segments })
    }

    pub fn started(&self) -> bool {
        !self.segments.is_empty()
    }

    pub fn last(&self) -> Option<&Segment> {
        self.segments.last()
    }

    /// Exercise time at a wall time; `None` before the exercise started.
    pub fn t_at(&self, wall: Ts) -> Option<i64> {
        let seg = self.segments.iter().rev().find(|s| s.wall <= wall)?;
        Some(advance(seg, wall))
    }

    /// When, on the wall, the running clock reaches `t_ms`: `None` while it stands or before start.
    pub fn wall_at(&self, t_ms: i64) -> Option<Ts> {
        let seg = self.segments.last().filter(|s| s.running)?;
        let ahead = (t_ms - seg.t_ms).max(0);
        // Rounded up, so at that wall time the clock has reached t_ms, never a millisecond short.
        let wall_ms = (ahead + i64::from(seg.speed) - 1) / i64::from(seg.speed.max(1));
        Some(seg.wall + Duration::milliseconds(wall_ms))
    }
}

/// Exercise time within one segment.
pub fn advance(seg: &Segment, wall: Ts) -> i64 {
    if !seg.running {
        return seg.t_ms;
    }
    let elapsed = (wall - seg.wall).num_milliseconds().max(0);
    seg.t_ms + elapsed.saturating_mul(i64::from(seg.speed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Ts {
        time::parse("t", s).unwrap()
    }

    #[test]
    fn pauses_and_speed_changes_fold_into_one_clock() {
        let clock = ExerciseClock::new(vec![
            Segment {
                wall: at("2026-12-01T10:00:00Z"),
                t_ms: 0,
                speed: 1,
                running: true,
            },
            Segment {
                wall: at("2026-12-01T10:10:00Z"),
                t_ms: 600_000,
                speed: 1,
                running: false,
            },
            Segment {
                wall: at("2026-12-01T10:30:00Z"),
                t_ms: 600_000,
                speed: 5,
                running: true,
            },
        ]);
        assert_eq!(clock.t_at(at("2026-12-01T09:59:00Z")), None);
        assert_eq!(clock.t_at(at("2026-12-01T10:05:00Z")), Some(300_000));
        assert_eq!(clock.t_at(at("2026-12-01T10:20:00Z")), Some(600_000));
        assert_eq!(clock.t_at(at("2026-12-01T10:31:00Z")), Some(900_000));
        // T+20:00 is 600 s of exercise time after 10:30, at ×5: two minutes.
        assert_eq!(clock.wall_at(1_200_000), Some(at("2026-12-01T10:32:00Z")));
        assert_eq!(clock.wall_at(0), Some(at("2026-12-01T10:30:00Z")));
    }

    #[test]
    fn a_standing_clock_has_no_wall_time_ahead() {
        let clock = ExerciseClock::new(vec![Segment {
            wall: at("2026-12-01T10:00:00Z"),
            t_ms: 5,
            speed: 1,
            running: false,
        }]);
        assert_eq!(clock.wall_at(10), None);
        assert_eq!(ExerciseClock::default().wall_at(10), None);
    }
}
