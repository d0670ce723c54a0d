package io.chorus.gateway.internal;

/** What the access log says about one request, filled in as the request is understood. */
public final class RequestInfo {

  private final String id;
  private volatile String key = "-";
  private volatile String model = "-";

  public RequestInfo(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The virtual key's name (never the key). */
  public String key() {
    return key;
  }

  public String model() {
    return model;
  }

  void key(String name) {
    this.key = name;
  }

  void model(String m) {
    this.model = m;
  }
}
