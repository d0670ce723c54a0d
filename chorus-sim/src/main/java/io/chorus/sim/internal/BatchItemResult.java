package io.chorus.sim.internal;

/**
 * One batch request's outcome, decided when the batch is created.
 *
 * @param status the HTTP status the same call would get
 * @param body the JSON body the same call would get (an answer or the protocol's error)
 * @param succeeded whether it is an answer
 */
record BatchItemResult(int status, String body, boolean succeeded) {
  static BatchItemResult error(Protocol p, ErrorKind kind, String message) {
    return new BatchItemResult(p.status(kind), p.errorBody(kind, message), false);
  }
}
