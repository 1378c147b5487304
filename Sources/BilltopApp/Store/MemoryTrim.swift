/// Hands memory the allocator holds but no longer uses back to the system.
enum MemoryTrim {
    /// glibc's `malloc_trim(0)`: releases free pages of every arena. A no-op elsewhere.
    static func returnFreePages() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
    // `malloc.h` is not part of Swift's Glibc module; the symbol is in every glibc (C ABI: size_t in, int out).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
