/**
 * Not API. Used only by code the asyncio4j processor generates; may change without notice.
 *
 * <p>{@link org.asyncio4j.internal.AsyncStateMachine} is the base class of every generated state machine; see
 * {@code docs/internals.md} for the protocol.
 */
@InternalApi
package org.asyncio4j.internal;
