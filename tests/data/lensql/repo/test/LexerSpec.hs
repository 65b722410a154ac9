module LexerSpec (spec) where

import Test.Hspec
import Lensql.Parser.Lexer

spec :: Spec
spec = describe "Lensql.Parser.Lexer" $ do
  it "skips block comments" $
    fmap (map tokValue) (lexSql "t" "select /* x */ 1")
      `shouldBe` Right [TKeyword "SELECT", TNumber 1]

  it "skips nested block comments" $
    fmap (map tokValue) (lexSql "t" "/* a /* b */ c */ select 1")
      `shouldBe` Right [TKeyword "SELECT", TNumber 1]

  it "skips a line comment followed by a newline" $
    fmap (map tokValue) (lexSql "t" "select 1 -- one\n")
      `shouldBe` Right [TKeyword "SELECT", TNumber 1]

  it "lexes $$ quoted bodies" $
    lexDollarQuoted "$$ begin end $$ rest" `shouldBe` Just (" begin end ", "$$ begin end $$", " rest")

  it "lexes positional parameters" $
    fmap (map tokValue) (lexSql "t" "$1")
      `shouldBe` Right [TParam 1]

  it "accepts unicode in quoted identifiers" $
    fmap (map tokValue) (lexSql "t" "\"größe\"")
      `shouldBe` Right [TQuoted "größe"]
