# METADATA
# title: S3 bucket is not encrypted with KMS by default
# description: |
#   S3 encrypts new objects with S3-managed keys (SSE-S3) at the least, but anyone allowed to
#   read an object then reads it in the clear: the encryption adds no access control and leaves
#   no record of use. Default encryption with KMS (SSE-KMS) makes every read also need the KMS
#   key, logs every use of the key in CloudTrail, and lets the key be disabled to cut off
#   access. A bucket with neither a KMS default-encryption configuration nor a companion
#   `aws_s3_bucket_server_side_encryption_configuration` is reported, and so is a configuration
#   that uses AES256. Dual-layer encryption (`aws:kms:dsse`) is accepted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
# custom:
#   id: aws-s3-bucket-kms-encryption-missing
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_145]
package converge.rules.terraform.aws_s3_bucket_kms_encryption_missing

import rego.v1

import data.converge.lib.terraform as tf

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# The default-encryption algorithm of a configuration body (the bucket's inline block, or the
# companion resource); S3 allows a single rule.
algorithm(conf) := tf.first_block(tf.first_block(conf, "rule"), "apply_server_side_encryption_by_default").sse_algorithm

weak(algo) if {
	not algo in kms_algorithms
	not tf.is_expression(algo)
}

inline(body) := tf.first_block(body, "server_side_encryption_configuration")

# Inline configuration (AWS provider < 4) with another algorithm.
findings contains f if {
	some bucket in tf.live_resources("aws_s3_bucket")
	weak(algorithm(inline(bucket.body)))
	f := {
		"msg": sprintf("aws_s3_bucket.%s encrypts new objects with %s, not KMS", [bucket.name, algorithm(inline(bucket.body))]),
		"route": array.concat(bucket.route, [
			"server_side_encryption_configuration", 0, "rule", 0,
			"apply_server_side_encryption_by_default", 0, "sse_algorithm",
		]),
		"case": "inline",
	}
}

# No configuration at all.
findings contains f if {
	some bucket in tf.live_resources("aws_s3_bucket")
	count(object.get(bucket.body, "server_side_encryption_configuration", [])) == 0
	not tf.referenced_by("aws_s3_bucket_server_side_encryption_configuration", "bucket", concat(".", ["aws_s3_bucket", bucket.name]))
	f := {
		"msg": sprintf("aws_s3_bucket.%s has no KMS default encryption", [bucket.name]),
		"route": bucket.route,
		"case": "missing",
	}
}

# A companion configuration with another algorithm.
findings contains f if {
	some conf in tf.live_resources("aws_s3_bucket_server_side_encryption_configuration")
	weak(algorithm(conf.body))
	f := {
		"msg": sprintf("aws_s3_bucket_server_side_encryption_configuration.%s encrypts new objects with %s, not KMS", [conf.name, algorithm(conf.body)]),
		"route": array.concat(conf.route, ["rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"]),
		"case": "companion",
	}
}
