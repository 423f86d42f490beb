resource "aws_ebs_volume" "backup" {
  availability_zone = "eu-west-1a"
  size              = 500
  encrypted         = false
}
