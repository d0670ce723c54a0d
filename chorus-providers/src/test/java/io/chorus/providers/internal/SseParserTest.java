package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private static List<SseEvent> parse(String wire) throws IOException {
    SseParser parser = new SseParser(new Buffer().writeUtf8(wire));
    List<SseEvent> events = new ArrayList<>();
    for (SseEvent e = parser.next(); e != null; e = parser.next()) {
      events.add(e);
    }
    return events;
  }

  @Test
  void namedEventsWithOptionalSpaceAfterColon() throws IOException {
    List<SseEvent> events =
        parse("event: message_start\ndata: {\"a\":1}\n\nevent:ping\ndata:{}\n\n");
    assertThat(events)
        .containsExactly(
            new SseEvent("message_start", "{\"a\":1}", ""), new SseEvent("ping", "{}", ""));
  }

  @Test
  void multiLineDataIsJoinedWithLf() throws IOException {
    assertThat(parse("data: first\ndata: second\ndata:\n\n"))
        .containsExactly(new SseEvent("message", "first\nsecond\n", ""));
  }

  @Test
  void commentsAreIgnoredAndEventsWithoutDataAreNotDispatched() throws IOException {
    assertThat(parse(": keep-alive\n\nevent: lonely\n\n: another\ndata: x\n\n"))
        .containsExactly(new SseEvent("message", "x", ""));
  }

  @Test
  void crlfAndBareCrLineEndingsAndBom() throws IOException {
    assertThat(parse("\ufeffevent: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n"))
        .containsExactly(
            new SseEvent("a", "1", ""),
            new SseEvent("b", "2", ""),
            new SseEvent("message", "3", ""));
  }

  @Test
  void onlyOneLeadingSpaceIsRemovedAndFieldWithoutColonHasEmptyValue() throws IOException {
    assertThat(parse("data:  two spaces\n\ndata\n\n"))
        .containsExactly(
            new SseEvent("message", " two spaces", ""), new SseEvent("message", "", ""));
  }

  @Test
  void idIsRememberedAndUnknownFieldsIgnored() throws IOException {
    assertThat(parse("id: 7\nretry: 100\nfoo: bar\ndata: x\n\ndata: y\n\n"))
        .containsExactly(new SseEvent("message", "x", "7"), new SseEvent("message", "y", "7"));
  }

  @Test
  void anEventCutOffByTheEndOfTheStreamIsDiscarded() throws IOException {
    assertThat(parse("data: complete\n\ndata: cut off\n"))
        .containsExactly(new SseEvent("message", "complete", ""));
    assertThat(parse("data: no newline at all")).isEmpty();
  }

  @Test
  void utf8Text() throws IOException {
    assertThat(parse("data: h\u00e9llo \u2603 \ud83d\ude00\n\n"))
        .containsExactly(new SseEvent("message", "h\u00e9llo \u2603 \ud83d\ude00", ""));
  }
}
