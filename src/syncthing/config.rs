//! The few settings of Syncthing's `config.xml` that must hold from its first second, before its
//! REST API answers: where the GUI/REST listens and with which key, where peers connect, and that
//! nothing reaches for the internet (global discovery, relays, NAT traversal, usage and crash
//! reports, upgrades). Everything else (the folder, peers, ignores) goes through the REST API.
//!
//! The file is rewritten event by event: every element, attribute and comment not named here is
//! kept as Syncthing wrote it.

use std::collections::BTreeSet;

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

/// What this program decides in `config.xml`.
pub(super) struct Settings<'a> {
    /// `127.0.0.1:PORT`.
    pub gui_address: &'a str,
    pub api_key: &'a str,
    /// TCP port peers connect to, on every interface.
    pub listen_port: u16,
}

impl Settings<'_> {
    /// `<options>` children set to one value each.
    fn options(&self) -> Vec<(&'static str, String)> {
        [
            ("globalAnnounceEnabled", "false"),
            ("localAnnounceEnabled", "true"),
            ("relaysEnabled", "false"),
            ("natEnabled", "false"),
            ("urAccepted", "-1"),
            ("crashReportingEnabled", "false"),
            ("startBrowser", "false"),
            ("autoUpgradeIntervalH", "0"),
            ("announceLANAddresses", "true"),
            // Default 60: a laptop back on the staff-room network waits up to a minute before it is
            // dialled again. Ten seconds costs nothing on a LAN.
            ("reconnectionIntervalS", "10"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect()
    }
    /// `<options>` children that are lists: every old item goes, these take their place.
    fn option_lists(&self) -> Vec<(&'static str, Vec<String>)> {
        vec![(
            "listenAddress",
            vec![format!("tcp://0.0.0.0:{}", self.listen_port)],
        )]
    }
    fn gui(&self) -> Vec<(&'static str, String)> {
        vec![
            ("address", self.gui_address.to_string()),
            ("apikey", self.api_key.to_string()),
        ]
    }
}

/// `config.xml` with the settings applied; `Err` with the parser's word when it is not XML.
pub(super) fn patch(xml: &str, s: &Settings) -> Result<String, String> {
    let options = s.options();
    let lists = s.option_lists();
    let gui = s.gui();
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new(Vec::new());
    let mut path: Vec<String> = Vec::new();
    // Elements of `<options>` or `<gui>` already written, so the missing ones are added at its end.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut saw_options = false;
    let mut saw_gui = false;
    let w = |writer: &mut Writer<Vec<u8>>, e: Event| {
        writer
            .write_event(e)
            .map_err(|e| format!("kunde inte skriva XML: {e}"))
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} (position {})", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(start) => {
                let name = start.name().as_ref().to_string();
                let parent = path.join("/");
                let (replacement, list_value) = match parent.as_str() {
                    "configuration/options" => (
                        options.iter().find(|(k, _)| *k == name).map(|(_, v)| v),
                        lists.iter().find(|(k, _)| *k == name).map(|(_, v)| v),
                    ),
                    "configuration/gui" => {
                        (gui.iter().find(|(k, _)| *k == name).map(|(_, v)| v), None)
                    }
                    _ => (None, None),
                };
                if replacement.is_some() || list_value.is_some() {
                    skip_to_end(&mut reader, &name)?;
                    if let Some(value) = replacement {
                        element(&mut writer, &name, value)?;
                    } else if let Some(values) = list_value {
                        // The whole list at the first item; later items are dropped.
                        // (The indentation before a dropped item stays, which is harmless.)
                        if seen.insert(format!("{parent}/{name}")) {
                            for (i, v) in values.iter().enumerate() {
                                if i > 0 {
                                    w(&mut writer, Event::Text(BytesText::new("\n        ")))?;
                                }
                                element(&mut writer, &name, v)?;
                            }
                        }
                        continue;
                    }
                    seen.insert(format!("{parent}/{name}"));
                    continue;
                }
                let start = if parent == "configuration" && name == "gui" {
                    saw_gui = true;
                    gui_start(&start)
                } else {
                    if parent == "configuration" && name == "options" {
                        saw_options = true;
                    }
                    start.into_owned()
                };
                path.push(name);
                w(&mut writer, Event::Start(start))?;
            }
            Event::End(end) => {
                let here = path.join("/");
                if here == "configuration/options" {
                    for (k, v) in &options {
                        if !seen.contains(&format!("{here}/{k}")) {
                            element(&mut writer, k, v)?;
                        }
                    }
                    for (k, vs) in &lists {
                        if !seen.contains(&format!("{here}/{k}")) {
                            for v in vs {
                                element(&mut writer, k, v)?;
                            }
                        }
                    }
                } else if here == "configuration/gui" {
                    for (k, v) in &gui {
                        if !seen.contains(&format!("{here}/{k}")) {
                            element(&mut writer, k, v)?;
                        }
                    }
                } else if here == "configuration" {
                    if !saw_gui {
                        let start = gui_start(&BytesStart::new("gui"));
                        w(&mut writer, Event::Start(start))?;
                        for (k, v) in &gui {
                            element(&mut writer, k, v)?;
                        }
                        w(&mut writer, Event::End(BytesEnd::new("gui")))?;
                    }
                    if !saw_options {
                        w(&mut writer, Event::Start(BytesStart::new("options")))?;
                        for (k, v) in &options {
                            element(&mut writer, k, v)?;
                        }
                        for (k, vs) in &lists {
                            for v in vs {
                                element(&mut writer, k, v)?;
                            }
                        }
                        w(&mut writer, Event::End(BytesEnd::new("options")))?;
                    }
                }
                path.pop();
                w(&mut writer, Event::End(end))?;
            }
            Event::Empty(start) => {
                // `<listenAddress/>` and the like: an empty element we set is replaced.
                let name = start.name().as_ref().to_string();
                let parent = path.join("/");
                let ours = match parent.as_str() {
                    "configuration/options" => {
                        options.iter().any(|(k, _)| *k == name)
                            || lists.iter().any(|(k, _)| *k == name)
                    }
                    "configuration/gui" => gui.iter().any(|(k, _)| *k == name),
                    _ => false,
                };
                if !ours {
                    w(&mut writer, Event::Empty(start))?;
                }
            }
            other => w(&mut writer, other)?,
        }
    }
    if !path.is_empty() {
        return Err(format!("elementet <{}> avslutas aldrig", path.join("/")));
    }
    String::from_utf8(writer.into_inner()).map_err(|e| e.to_string())
}

/// `<gui>` with its attributes kept, but always on and without TLS (REST is on 127.0.0.1 only).
fn gui_start(start: &BytesStart) -> BytesStart<'static> {
    let mut out = BytesStart::new("gui");
    out.push_attribute(("enabled", "true"));
    out.push_attribute(("tls", "false"));
    for a in start.attributes().flatten() {
        if a.key.as_ref() != "enabled" && a.key.as_ref() != "tls" {
            out.push_attribute(a);
        }
    }
    out.into_owned()
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, value: &str) -> Result<(), String> {
    let err = |e: std::io::Error| format!("kunde inte skriva XML: {e}");
    writer
        .write_event(Event::Start(BytesStart::new(name)))
        .map_err(err)?;
    writer
        .write_event(Event::Text(BytesText::new(value)))
        .map_err(err)?;
    writer
        .write_event(Event::End(BytesEnd::new(name)))
        .map_err(err)
}

/// Reads past the end of the element just started (its content is replaced).
fn skip_to_end(reader: &mut Reader<&[u8]>, name: &str) -> Result<(), String> {
    let mut depth = 1;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Event::Eof => return Err(format!("elementet <{name}> avslutas aldrig")),
            _ => {}
        }
    }
}

/// The GUI address and API key an earlier run left in `config.xml`, to reach a Syncthing that is
/// still running from it (a Krisledning that was killed cannot stop its child).
pub(super) fn gui_of(xml: &str) -> Option<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let (mut address, mut key) = (None, None);
    loop {
        match reader.read_event().ok()? {
            Event::Eof => break,
            Event::Start(s) => path.push(s.name().as_ref().to_string()),
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = t.xml10_content().trim().to_string();
                match path.join("/").as_str() {
                    "configuration/gui/address" => address = Some(text),
                    "configuration/gui/apikey" => key = Some(text),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Some((address?, key?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERATED: &str = r#"<configuration version="36">
    <device id="SHCLMBW-NIE7VU4-2XOS4UI-QD5R7ZP-I5PXXFC-DDGU5HR-2232BZX-NYNPIQ3" name="vm" compression="metadata">
        <address>dynamic</address>
    </device>
    <gui enabled="true" tls="true" debugging="false">
        <address>127.0.0.1:8384</address>
        <user>krisledning</user>
        <apikey>old</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>default</listenAddress>
        <listenAddress>quic://0.0.0.0:22000</listenAddress>
        <globalAnnounceServer>default</globalAnnounceServer>
        <globalAnnounceEnabled>true</globalAnnounceEnabled>
        <localAnnounceEnabled>true</localAnnounceEnabled>
        <relaysEnabled>true</relaysEnabled>
        <natEnabled>true</natEnabled>
        <urAccepted>0</urAccepted>
        <crashReportingEnabled>true</crashReportingEnabled>
        <!-- kept -->
        <unackedNotificationID>authenticationUserAndPassword</unackedNotificationID>
    </options>
</configuration>
"#;

    fn settings() -> Settings<'static> {
        Settings {
            gui_address: "127.0.0.1:40001",
            api_key: "k3y",
            listen_port: 22999,
        }
    }

    fn count(hay: &str, needle: &str) -> usize {
        hay.matches(needle).count()
    }

    #[test]
    fn generated_config_is_closed_to_the_internet() {
        let out = patch(GENERATED, &settings()).unwrap();
        for expected in [
            "<globalAnnounceEnabled>false</globalAnnounceEnabled>",
            "<relaysEnabled>false</relaysEnabled>",
            "<natEnabled>false</natEnabled>",
            "<urAccepted>-1</urAccepted>",
            "<crashReportingEnabled>false</crashReportingEnabled>",
            "<localAnnounceEnabled>true</localAnnounceEnabled>",
            "<startBrowser>false</startBrowser>",
            "<autoUpgradeIntervalH>0</autoUpgradeIntervalH>",
            "<reconnectionIntervalS>10</reconnectionIntervalS>",
            "<address>127.0.0.1:40001</address>",
            "<apikey>k3y</apikey>",
            "<gui enabled=\"true\" tls=\"false\" debugging=\"false\">",
        ] {
            assert_eq!(count(&out, expected), 1, "{expected} in\n{out}");
        }
        assert_eq!(count(&out, "<listenAddress>"), 1, "{out}");
        assert!(out.contains("<listenAddress>tcp://0.0.0.0:22999</listenAddress>"));
        // What is not ours is untouched.
        assert!(
            out.contains("<address>dynamic</address>"),
            "device address kept"
        );
        assert!(out.contains("<user>krisledning</user>"));
        assert!(out.contains("<!-- kept -->"));
        assert!(out.contains("<globalAnnounceServer>default</globalAnnounceServer>"));
        assert_eq!(gui_of(&out), Some(("127.0.0.1:40001".into(), "k3y".into())));
    }

    #[test]
    fn patching_twice_changes_nothing_more() {
        let once = patch(GENERATED, &settings()).unwrap();
        assert_eq!(patch(&once, &settings()).unwrap(), once);
    }

    #[test]
    fn missing_settings_are_added() {
        let bare = "<configuration version=\"36\"><options><natEnabled>true</natEnabled></options></configuration>";
        let out = patch(bare, &settings()).unwrap();
        assert!(out.contains("<natEnabled>false</natEnabled>"));
        assert!(out.contains("<relaysEnabled>false</relaysEnabled>"));
        assert!(out.contains("<listenAddress>tcp://0.0.0.0:22999</listenAddress>"));
        assert!(out.contains("<apikey>k3y</apikey>"), "{out}");
        let empty =
            "<configuration version=\"36\"><options><listenAddress/></options></configuration>";
        let out = patch(empty, &settings()).unwrap();
        assert_eq!(count(&out, "<listenAddress"), 1, "{out}");
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(patch("<configuration><options>", &settings()).is_err());
        assert!(patch(
            "<configuration><options></gui></configuration>",
            &settings()
        )
        .is_err());
    }
}
