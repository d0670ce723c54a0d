package io.chorus.review;

import java.util.Map;

/** Reviewer answers for seed 004's login module, as the five specialists might give them. */
final class ScriptedReviewers {
  private ScriptedReviewers() {}

  static String finding(
      String type,
      String cwe,
      String severity,
      int start,
      int end,
      String description,
      String fix) {
    return """
        {"type": "%s", "cwe": "%s", "severity": "%s", "file": "login.py", "line_start": %d, "line_end": %d,
         "description": "%s", "recommendation": "%s", "confidence": 0.9}"""
        .formatted(type, cwe, severity, start, end, description, fix);
  }

  static String json(String risk, String... findings) {
    return "Here is my review.\n```json\n{\"findings\": ["
        + String.join(",\n", findings)
        + "], \"overall_risk\": \""
        + risk
        + "\"}\n```\n";
  }

  static final String SQLI_LOGIN =
      finding(
          "SQL injection",
          "CWE-89",
          "critical",
          4,
          5,
          "The login query interpolates username and password into SQL with an f-string.",
          "Use a parameterized query.");
  static final String SQLI_PROFILE =
      finding(
          "SQL injection",
          "CWE-89",
          "high",
          20,
          20,
          "get_user_data builds the profiles query from user_id with an f-string.",
          "Bind user_id as a query parameter.");
  static final String XSS =
      finding(
          "Cross-site scripting",
          "CWE-79",
          "high",
          32,
          33,
          "render_profile puts the user's name and email into HTML without escaping.",
          "Escape with html.escape or use an autoescaping template engine.");
  static final String PASSWORD_IN_SESSION =
      finding(
          "Plaintext password stored in session",
          "CWE-312",
          "high",
          9,
          9,
          "The plaintext password is stored in the session after login.",
          "Never store the password; keep only the user id in the session.");
  static final String ADMIN_BYPASS =
      finding(
          "Debug admin bypass",
          "CWE-489",
          "critical",
          17,
          18,
          "A hard-coded user id admin_debug returns every user's data without authorization.",
          "Remove the debug bypass and enforce authorization.");
  static final String WEAK_TOKEN =
      finding(
          "Weak password reset token",
          "CWE-330",
          "high",
          26,
          26,
          "The reset token is a 4-digit number from random.randint, easy to guess by brute force.",
          "Use secrets.token_urlsafe(32) and expire the token.");
  static final String WEAK_TOKEN_CRYPTO =
      finding(
          "Predictable reset code",
          "CWE-338",
          "medium",
          25,
          26,
          "The password reset code comes from the non-cryptographic random module and has only 9000 values, so it can be guessed.",
          "Generate it with the secrets module and rate-limit attempts.");

  /** seed 004's text format, as the general reviewer answers. */
  static final String GENERAL_TEXT =
      """
      VULNERABILITY 1:
      TYPE: Debug backdoor
      SEVERITY: high
      LOCATION: lines 17-18
      DESCRIPTION: The admin_debug user id bypasses authorization and returns all users (CWE-489).
      RECOMMENDATION: Delete the bypass.

      VULNERABILITY 2:
      TYPE: SQL Injection
      SEVERITY: critical
      LOCATION: line 4
      DESCRIPTION: User input is concatenated into the login SQL query (CWE-89).
      RECOMMENDATION: Use parameterized queries.

      OVERALL_RISK: critical
      """;

  static Map<String, String> answers() {
    return Map.of(
        "security-injection", json("critical", SQLI_LOGIN, SQLI_PROFILE, XSS),
        "security-auth",
            json("critical", PASSWORD_IN_SESSION, ADMIN_BYPASS, WEAK_TOKEN, SQLI_LOGIN),
        "security-crypto", json("high", WEAK_TOKEN_CRYPTO, PASSWORD_IN_SESSION),
        "security-data-protection", json("high", PASSWORD_IN_SESSION, XSS, SQLI_PROFILE),
        "security-general", GENERAL_TEXT);
  }
}
