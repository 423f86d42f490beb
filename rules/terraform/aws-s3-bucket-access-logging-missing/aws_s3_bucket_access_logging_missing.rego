# METADATA
# title: S3 bucket has no server access logging
# description: |
#   Without server access logs there is no record of who read, wrote or deleted which objects,
#   so a data leak or a destructive change cannot be investigated. A bucket counts as logged
#   when it has an inline `logging` block or an `aws_s3_bucket_logging` resource in the module
#   refers to it. As for checkov, a bucket that receives the logs of another bucket counts too
#   (a log bucket should not log into itself).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: aws-s3-bucket-access-logging-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_18]
package converge.rules.terraform.aws_s3_bucket_access_logging_missing

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some bucket in tf.live_resources("aws_s3_bucket")
	count(object.get(bucket.body, "logging", [])) == 0
	not logging_companion(concat(".", ["aws_s3_bucket", bucket.name]))
	f := {
		"msg": sprintf("aws_s3_bucket.%s has no server access logging", [bucket.name]),
		"route": array.concat(bucket.route, ["logging"]),
	}
}

logging_companion(bucket) if tf.referenced_by("aws_s3_bucket_logging", "bucket", bucket)

logging_companion(bucket) if tf.referenced_by("aws_s3_bucket_logging", "target_bucket", bucket)
