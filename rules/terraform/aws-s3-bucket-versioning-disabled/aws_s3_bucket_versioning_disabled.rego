# METADATA
# title: S3 bucket versioning is not enabled
# description: |
#   Without versioning, an overwrite or delete destroys the only copy of an object, whether by
#   mistake, by a bug or by ransomware.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# custom:
#   id: aws-s3-bucket-versioning-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_21]
package converge.rules.terraform.aws_s3_bucket_versioning_disabled

import rego.v1

import data.converge.lib.terraform as tf

inline_enabled(body) if {
	some v in body.versioning
	tf.is_true(v.enabled)
}

# A bucket with neither inline versioning enabled nor a companion resource.
findings contains f if {
	some bucket in tf.resources("aws_s3_bucket")
	not inline_enabled(bucket.body)
	not tf.referenced_by("aws_s3_bucket_versioning", "bucket", concat(".", ["aws_s3_bucket", bucket.name]))
	f := {
		"msg": sprintf("aws_s3_bucket.%s does not enable versioning", [bucket.name]),
		"route": bucket_route(bucket),
		"case": bucket_case(bucket.body),
	}
}

bucket_route(bucket) := array.concat(bucket.route, ["versioning", 0, "enabled"]) if {
	count(bucket.body.versioning) > 0
} else := bucket.route

bucket_case(body) := "inline" if count(body.versioning) > 0

else := "missing"

# A companion resource that suspends versioning.
findings contains f if {
	some v in tf.resources("aws_s3_bucket_versioning")
	some i, conf in v.body.versioning_configuration
	conf.status != "Enabled"
	f := {
		"msg": sprintf("aws_s3_bucket_versioning.%s sets status %q", [v.name, conf.status]),
		"route": array.concat(v.route, ["versioning_configuration", i, "status"]),
		"case": "companion",
	}
}
