/// Placeholder so the target builds until its first real type lands.
enum BIMDocumentsModule {}
