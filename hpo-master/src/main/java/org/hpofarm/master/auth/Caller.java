package org.hpofarm.master.auth;

import java.util.Set;

/**
 * Who is calling: the user a valid token belongs to and whether the token is an admin's, or, for an
 * agent token, the agent it names and the users whose trials that agent runs.
 *
 * @param agent the agent of an agent token, else null
 * @param serves the users an agent token serves ({@code *}: all), else empty
 * @param mayRunCommands whether the caller may create {@code command} studies (admins may)
 */
public record Caller(
    String user,
    boolean admin,
    String tokenHash,
    String agent,
    Set<String> serves,
    boolean mayRunCommands) {

  /** The caller a token record stands for. */
  public static Caller of(TokenRecord t) {
    return new Caller(
        t.user(), t.admin(), t.hash(), t.agent(), t.serves(), t.admin() || t.mayRunCommands());
  }

  /** Whether this is an agent token (it may only lease and report on its own trials). */
  public boolean isAgent() {
    return agent != null;
  }

  /** Whether an agent token runs the trials of {@code owner}'s studies. */
  public boolean serves(String owner) {
    return serves.contains("*") || serves.contains(owner);
  }
}
