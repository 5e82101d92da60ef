package io.cassguard.model;

/** The operation of an admission request, as the API server names it. */
public enum Operation {
    CREATE, UPDATE, DELETE, CONNECT
}
