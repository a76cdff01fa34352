// Loopback only: dummy credentials and region, and no instance-metadata lookups, so no code
// under test can reach AWS. Tests always pass an explicit 127.0.0.1 endpoint.
process.env.AWS_ACCESS_KEY_ID = 'wsapp-test';
process.env.AWS_SECRET_ACCESS_KEY = 'wsapp-test';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
// This machine runs Node 20; the SDK's notice about Node 22 is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
delete process.env.AWS_PROFILE;
delete process.env.WSAPP_MANAGEMENT_ENDPOINT;
