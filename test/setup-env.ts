// Tests run quietly and never against a production-looking environment.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
