package org.hpofarm.master.auth;

/** Who is calling: the user a valid token belongs to, and whether the token is an admin's. */
public record Caller(String user, boolean admin, String tokenHash) {}
