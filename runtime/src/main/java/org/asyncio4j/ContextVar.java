package org.asyncio4j;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A context variable, asyncio's {@code contextvars.ContextVar}: a value per task that a task's children inherit.
 *
 * <p>Each {@link Task} has its own set of context variable values, a copy of its creator's taken when it is
 * created (the creating task's values, or the creating thread's values when no task is running), as asyncio
 * copies the current context in {@code create_task}. After that the copies are independent: {@link #set} in one
 * task is invisible to its parent, its siblings and the tasks it already created. Code that runs outside any task
 * (the thread that calls {@link Asyncio#run}, plain loop callbacks) uses the values of the current thread; unlike
 * asyncio, callbacks do not capture the context of the code that scheduled them.
 *
 * <p>Values are kept in an immutable map per task, so the copy at task creation is a pointer copy and costs
 * nothing; {@link #set} copies the (small) map.
 *
 * <p>Not thread-safe in the usual sense: use it from an event loop's thread (or the thread whose own values it
 * reads and writes). A {@code ContextVar} object itself is immutable and may be shared (typically a
 * {@code static final} field).
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    private static final Object MISSING = new Object();
    private static final ThreadLocal<Values> THREAD_VALUES = ThreadLocal.withInitial(() -> Values.EMPTY);

    private final String name;
    private final Object defaultValue;

    /**
     * Creates a variable without a default: {@link #get()} throws until it is set.
     *
     * @param name the variable's name, for {@code toString()}
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = MISSING;
    }

    /**
     * Creates a variable whose {@link #get()} returns {@code defaultValue} until it is set.
     *
     * @param name the variable's name, for {@code toString()}
     * @param defaultValue the value in a context that never set it
     */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    /** {@return the variable's name} */
    public String getName() {
        return name;
    }

    /**
     * Returns the value in the current context: the running task's, or the current thread's.
     *
     * @throws NoSuchElementException if the variable has no value there and no default (asyncio's LookupError)
     * @return the value in the current context
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = currentValues().lookup(this);
        if (v == MISSING) {
            v = defaultValue;
        }
        if (v == MISSING) {
            throw new NoSuchElementException("ContextVar " + name + " has no value");
        }
        return (T) v;
    }

    /**
     * {@return the value in the current context, or {@code fallback} if it has none (the variable's default is
     * ignored)}
     *
     * @param fallback the value to return if the variable has none in the current context
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = currentValues().lookup(this);
        return v == MISSING ? fallback : (T) v;
    }

    /**
     * Sets the value in the current context; returns a token that {@link #reset} uses to restore the old value.
     *
     * @param value the new value in the current context
     * @return a token that restores the previous value with {@link #reset}
     */
    public Token<T> set(T value) {
        Task<?> task = currentTask();
        Values old = task != null ? task.context : THREAD_VALUES.get();
        Token<T> token = new Token<>(this, old.lookup(this), task != null ? task : Thread.currentThread());
        store(task, old.with(this, value));
        return token;
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}.
     *
     * @param token the token that {@link #set} returned
     * @throws IllegalArgumentException if the token belongs to another variable or was created in another context
     *     (another task, or another thread)
     * @throws IllegalStateException if the token was already used
     */
    public void reset(Token<T> token) {
        Objects.requireNonNull(token, "token");
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar than " + this);
        }
        Task<?> task = currentTask();
        if (token.owner != (task != null ? task : Thread.currentThread())) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        token.used = true;
        Values current = task != null ? task.context : THREAD_VALUES.get();
        store(task, token.oldValue == MISSING ? current.without(this) : current.with(this, token.oldValue));
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + (defaultValue != MISSING ? " default=" + defaultValue : "") + "]";
    }

    private static Task<?> currentTask() {
        EventLoop loop = EventLoop.runningLoop();
        return loop == null ? null : loop.currentTask();
    }

    private static Values currentValues() {
        Task<?> task = currentTask();
        return task != null ? task.context : THREAD_VALUES.get();
    }

    private static void store(Task<?> task, Values values) {
        if (task != null) {
            task.context = values;
        } else {
            THREAD_VALUES.set(values);
        }
    }

    /** The values a new task created outside any task starts with: the current thread's. */
    static Values threadContext() {
        return THREAD_VALUES.get();
    }

    /**
     * What {@link #set} returns: remembers the previous value for {@link #reset}. Usable once, in the context
     * (task or thread) where it was created.
     *
     * @param <T> the variable's value type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Object oldValue;
        private final Object owner;
        private boolean used;

        Token(ContextVar<T> var, Object oldValue, Object owner) {
            this.var = var;
            this.oldValue = oldValue;
            this.owner = owner;
        }

        /** {@return the variable that created this token} */
        public ContextVar<T> getVar() {
            return var;
        }

        /**
         * {@return whether the variable had a value before the {@code set} (asyncio's {@code old_value != MISSING})}
         */
        public boolean hadOldValue() {
            return oldValue != MISSING;
        }

        /** {@return the value before the {@code set}, or {@code null} if there was none} */
        @SuppressWarnings("unchecked")
        public T getOldValue() {
            return oldValue == MISSING ? null : (T) oldValue;
        }

        @Override
        public String toString() {
            return "ContextVar.Token[var=" + var.name + (used ? " used" : "") + "]";
        }
    }

    /** An immutable map from variables to values, compared by identity; small, so arrays and copy-on-write. */
    static final class Values {
        static final Values EMPTY = new Values(new Object[0]);
        /** Alternating variable, value. */
        private final Object[] entries;

        private Values(Object[] entries) {
            this.entries = entries;
        }

        Object lookup(ContextVar<?> var) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] == var) {
                    return entries[i + 1];
                }
            }
            return MISSING;
        }

        Values with(ContextVar<?> var, Object value) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] == var) {
                    Object[] copy = entries.clone();
                    copy[i + 1] = value;
                    return new Values(copy);
                }
            }
            Object[] copy = Arrays.copyOf(entries, entries.length + 2);
            copy[entries.length] = var;
            copy[entries.length + 1] = value;
            return new Values(copy);
        }

        Values without(ContextVar<?> var) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] == var) {
                    Object[] copy = new Object[entries.length - 2];
                    System.arraycopy(entries, 0, copy, 0, i);
                    System.arraycopy(entries, i + 2, copy, i, entries.length - i - 2);
                    return new Values(copy);
                }
            }
            return this;
        }
    }
}
